/// <reference types="mocha" />
// Object Storage in the real extension host against the dev cloud's Swift: the tree (container → folder →
// object), and the swift: file system: open an object as a document, edit, save, the API has the new content and
// ETag; a save over another client's change is refused, never written.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import type { OpenStackClient } from '../../../src/openstack/client';
import { explorerApi } from './api';
import { label, treeQueries } from './treeQueries';

const tag = `swift${Date.now() % 100000}`;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('Object Storage on the dev cloud', function () {
  this.timeout(120_000);
  let api: OpenStackExplorerApi;
  let client: OpenStackClient;
  let uri: vscode.Uri;
  const { children, child } = treeQueries(() => api);

  before(async () => {
    api = await explorerApi();
    client = await api.registry.client('devcloud');
    await client.objectStorage.createContainer(tag);
    await client.objectStorage.write(tag, 'notes/a.txt', Buffer.from('one\n'), { contentType: 'text/plain' });
    await client.objectStorage.write(tag, 'notes/pixel.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), { contentType: 'image/png' });
    // a folder marker, as Horizon makes for "Create Folder": the folder itself, never a row of its own
    await client.objectStorage.write(tag, 'notes/', Buffer.alloc(0), { contentType: 'application/directory' });
    uri = vscode.Uri.from({ scheme: 'swift', authority: 'devcloud', path: `/${client.session.projectId}/${tag}/notes/a.txt` });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const o of await client.objectStorage.entries(tag).toArray()) await client.objectStorage.deleteObject(tag, o.name);
    await client.objectStorage.deleteContainer(tag);
  });

  it('lists the container, its pseudo-folder and the objects in it', async () => {
    const project = await child(await child(undefined, 'devcloud'), 'demo');
    const container = await child(await child(project, 'Object Storage'), tag);
    const folder = await child(container, 'notes');
    // the account listing's counts lag behind; the expand's HEAD of the container brings the current ones
    for (let i = 0; i < 50 && !/^3 objects/.test(String(container.treeItem().description)); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(String(container.treeItem().description), /^3 objects · 8 B$/);
    const objects = await children(folder);
    assert.deepEqual(objects.map(label), ['a.txt', 'pixel.png']);
    const item = objects[0].treeItem();
    assert.equal(item.description, '4 B · text/plain');
    assert.equal((item.command?.arguments?.[0] as vscode.Uri).toString(), uri.toString());
  });

  it('opens an object as a document, saves an edit back, and the API has the new content and ETag', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.getText(), 'one\n');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(1, 0), 'two\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save(), 'the save went through');
    const { data, head } = await client.objectStorage.read(tag, 'notes/a.txt', 1 << 20);
    assert.equal(data.toString(), 'one\ntwo\n');
    assert.equal(head.etag, md5('one\ntwo\n'));
    assert.equal(head.contentType, 'text/plain', 'the content type is kept');
  });

  it('refuses a save over a change someone else made meanwhile', async () => {
    await client.objectStorage.write(tag, 'notes/a.txt', Buffer.from('theirs\n'), { contentType: 'text/plain' });
    const refused = await Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('mine\n'))).then(() => undefined, (err: unknown) => err);
    assert.ok(refused instanceof Error, 'the write was refused');
    assert.match(refused.message, new RegExp(`notes/a\\.txt changed on the server since you opened it \\(ETag ${md5('one\ntwo\n')}, now ${md5('theirs\n')}\\): reopen it`));
    // through the editor too: the document's save fails and the server keeps their version
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), 'mine ');
    await vscode.workspace.applyEdit(edit);
    assert.equal(await doc.save(), false, 'the editor did not save over it');
    assert.equal((await client.objectStorage.read(tag, 'notes/a.txt', 1 << 20)).data.toString(), 'theirs\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('marks binary objects read-only, and lists folders as directories', async () => {
    const png = uri.with({ path: uri.path.replace('a.txt', 'pixel.png') });
    assert.equal((await vscode.workspace.fs.stat(png)).permissions, vscode.FilePermission.Readonly);
    assert.equal((await vscode.workspace.fs.stat(uri)).permissions, undefined);
    const folder = uri.with({ path: uri.path.replace('/notes/a.txt', '') });
    assert.deepEqual(await vscode.workspace.fs.readDirectory(folder), [['notes', vscode.FileType.Directory]]);
    assert.deepEqual(await vscode.workspace.fs.readDirectory(folder.with({ path: `${folder.path}/notes` })), [['a.txt', vscode.FileType.File], ['pixel.png', vscode.FileType.File]]);
    assert.equal((await vscode.workspace.fs.stat(folder.with({ path: `${folder.path}/notes` }))).type, vscode.FileType.Directory);
  });
});

describe('Object Storage commands on the dev cloud', function () {
  this.timeout(120_000);
  let client: OpenStackClient;
  const name = `${tag}-cmd`;
  const shown: string[] = [];
  type Window = Record<string, unknown>;
  const win = vscode.window as unknown as Window;
  const original = { warning: win.showWarningMessage, error: win.showErrorMessage, info: win.showInformationMessage, open: win.showOpenDialog };
  let dir = '';

  before(async () => {
    client = await (await explorerApi()).registry.client('devcloud');
    await client.objectStorage.createContainer(name);
    await client.objectStorage.write(name, 'keep.txt', Buffer.from('keep\n'));
    // the modal confirmation answers Delete; what the command then says is recorded
    win.showWarningMessage = async (_q: string, _o: unknown, ...actions: string[]) => actions[0];
    win.showErrorMessage = async (message: string) => { shown.push(message); return undefined; };
    // a modal question (the upload's confirmation) answers its first button; a notification is recorded
    win.showInformationMessage = async (message: string, ...rest: unknown[]) => {
      const modal = typeof rest[0] === 'object' && (rest[0] as { modal?: boolean }).modal;
      if (modal) return rest[1];
      shown.push(message);
      return undefined;
    };
    dir = await mkdtemp(path.join(os.tmpdir(), 'ose-swift-'));
    await mkdir(path.join(dir, 'site', 'css'), { recursive: true });
    await writeFile(path.join(dir, 'site', 'index.html'), '<h1>hi</h1>\n');
    await writeFile(path.join(dir, 'site', 'css', 'a.css'), 'h1 {}\n');
    win.showOpenDialog = async () => [vscode.Uri.file(path.join(dir, 'site'))];
  });

  after(async () => {
    Object.assign(win, { showWarningMessage: original.warning, showErrorMessage: original.error, showInformationMessage: original.info, showOpenDialog: original.open });
    await rm(dir, { recursive: true, force: true });
    for (const o of await client.objectStorage.entries(name).toArray()) await client.objectStorage.deleteObject(name, o.name);
    await client.objectStorage.deleteContainer(name);
  });

  it("Delete Container on a non-empty container says Swift's reason and deletes nothing", async () => {
    const projectId = client.session.projectId!;
    const scope = { cloud: 'devcloud', projectId, projectName: 'demo', client: async () => client };
    await vscode.commands.executeCommand('openstack.deleteContainer', { info: { name, count: 1 }, parent: { scope } });
    for (let i = 0; i < 50 && shown.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(shown.join('\n'), new RegExp(`Container '${name}' is not empty: Swift deletes only empty containers, so nothing was deleted\\. \\(Swift said: There was a conflict when trying to complete your request\\.\\)`));
    assert.equal((await client.objectStorage.container(name))?.count, 1);
  });

  it('Upload to Object Storage on a folder row uploads a local folder below it, with its own folder name', async () => {
    const projectId = client.session.projectId!;
    const scope = { cloud: 'devcloud', projectId, projectName: 'demo', client: async () => client };
    shown.length = 0;
    await vscode.commands.executeCommand('openstack.uploadToObjectStorage', { container: name, prefix: 'web/', parent: { scope } });
    assert.match(shown.join('\n'), new RegExp(`^2 files uploaded into ${name}\\.`));
    const names = (await client.objectStorage.entries(name, { prefix: 'web/' }).toArray()).map((e) => e.name);
    assert.deepEqual(names, ['web/site/css/a.css', 'web/site/index.html']);
    assert.equal((await client.objectStorage.head(name, 'web/site/index.html'))?.contentType, 'text/html');
  });
});
