// Object Storage commands: create and delete containers, upload files and folders (from the Explorer, or into a
// container or folder of the tree), download, delete objects and folders, and copy a temporary URL. Each offers
// its openstack CLI line once done.
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Cancelled } from '../../core/cancelled';
import { cliNote } from '../../core/cliLine';
import { plainText } from '../../core/displayText';
import { formatBytes } from '../../core/format';
import { Refused } from '../../core/refusals';
import { projectContext, type ProjectContext } from '../../context/target';
import { OpenStackError } from '../../openstack/errors';
import type { ObjectStorageService } from '../../openstack/objectStorage';
import { inPool } from '../../openstack/pool';
import type { StoredObject } from '../../openstack/objectStorageModels';
import { confirm, copyCli, copyCliLabel, done, type ProjectCommandDeps } from '../../ui/commandKit';
import { pickOne } from '../../ui/pickers';
import { showPick } from '../../ui/shownItems';
import { percentReporter, registerCommand, withProgress } from '../../ui/runCommand';
import {
  containerCreateCli, containerDeleteCli, containerNameProblem, normalPrefix, objectDeleteCli, objectSaveCli, segmentedUploadCli, tempUrlKeyCli, uploadManyCli,
} from './model/objectStorageFormat';
import { existingTargets, planDownload, type DownloadTarget } from './model/downloadPlan';
import { planUpload, runUpload, topPrefixes, type UploadItem } from './model/uploadRun';

/** What the commands get from a row of the tree (ContainerNode, PseudoFolderNode, ObjectNode). */
interface ContainerArg { info?: { name: string; count: number } }
interface FolderArg { container?: string; prefix?: string; object?: StoredObject }

const refreshed = (deps: ProjectCommandDeps, target: ProjectContext) => deps.explorer.refreshCategory(target.cloud, target.projectId, 'objectStorage');

export function registerObjectStorageCommands(deps: ProjectCommandDeps): vscode.Disposable[] {
  const command = (id: string, handler: (...args: never[]) => unknown) => registerCommand(deps.log, id, handler);
  return [
    command('openstack.createContainer', (node?: unknown) => createContainer(deps, node)),
    command('openstack.deleteContainer', (node: ContainerArg) => deleteContainer(deps, node)),
    command('openstack.deleteContainerRecursive', (node: ContainerArg) => deleteContainerRecursive(deps, node)),
    command('openstack.uploadToObjectStorage', (arg?: unknown, all?: unknown) => uploadToObjectStorage(deps, arg, all)),
    command('openstack.downloadObjects', (node: FolderArg) => downloadObjects(deps, node)),
    command('openstack.deleteObjects', (node: FolderArg) => deleteObjects(deps, node)),
    command('openstack.copyTempUrl', (node: FolderArg) => copyTempUrl(deps, node)),
  ];
}

async function createContainer(deps: ProjectCommandDeps, node?: unknown): Promise<void> {
  const target = await projectContext(node, deps);
  const name = await vscode.window.showInputBox({ title: l10n.t('Create container'), prompt: l10n.t('Name of the new container'), validateInput: containerNameProblem });
  if (name === undefined) throw new Cancelled();
  const created = await withProgress(l10n.t('Creating container {0}', name.trim()), (signal) => target.client.objectStorage.createContainer(name.trim(), signal));
  await refreshed(deps, target);
  const context = await target.cli();
  done(created ? l10n.t("Container '{0}' created.", name.trim()) : l10n.t("Container '{0}' exists already: nothing changed.", name.trim()), containerCreateCli(context, name.trim()), cliNote(context));
}

/** Deletes an empty container; Swift refuses one with objects, which is explained with the explicit way to empty it. */
async function deleteContainer(deps: ProjectCommandDeps, node: ContainerArg): Promise<void> {
  const target = await projectContext(node, deps);
  const name = node.info!.name;
  await confirm(l10n.t("Delete container '{0}'?", name), l10n.t('Swift deletes only an empty container.'));
  try {
    await withProgress(l10n.t('Deleting container {0}', name), (signal) => target.client.objectStorage.deleteContainer(name, signal));
  } catch (err) {
    if (err instanceof OpenStackError && err.status === 409) {
      // reportError explains Swift's 409 and offers the one command that deletes the objects too
      throw new Refused(l10n.t("Container '{0}' is not empty: Swift deletes only empty containers, so nothing was deleted. ({1} said: {2})", name, 'Swift', err.serviceMessage ?? err.message),
        { title: l10n.t('Delete Container and Its Objects…'), command: 'openstack.deleteContainerRecursive', args: [node] });
    }
    throw err;
  }
  await refreshed(deps, target);
  const context = await target.cli();
  done(l10n.t("Container '{0}' deleted.", name), containerDeleteCli(context, name), cliNote(context));
}

/** The explicit, strongly confirmed way: every object (counted first), then the container. */
async function deleteContainerRecursive(deps: ProjectCommandDeps, node: ContainerArg): Promise<void> {
  const target = await projectContext(node, deps);
  const name = node.info!.name;
  const objects = await withProgress(l10n.t('Counting the objects of {0}', name), (signal) => target.client.objectStorage.entries(name).toArray(signal));
  const typed = await vscode.window.showInputBox({
    title: l10n.t('Delete container {0} and its {1} objects', name, objects.length),
    prompt: l10n.t('This deletes {0} objects ({1}) for good. Type the container name to confirm.', objects.length, formatBytes(objects.reduce((n, o) => n + (o.kind === 'object' ? o.bytes : 0), 0))),
    validateInput: (v) => (v === name ? undefined : l10n.t('Type {0} exactly.', name)),
  });
  if (typed !== name) throw new Cancelled();
  await withProgress(l10n.t('Deleting container {0} and its objects', name), async (signal, report) => {
    await target.client.objectStorage.deleteAll(name, objects.map((o) => o.name), { signal, onProgress: deleteProgress(report) });
    await target.client.objectStorage.deleteContainer(name, signal);
  });
  await refreshed(deps, target);
  const context = await target.cli();
  done(l10n.t("Container '{0}' and its {1} objects deleted.", name, objects.length), containerDeleteCli(context, name, true), cliNote(context));
}

/** A progress report of a deleteAll: "N of M objects", the bar advanced by what settled since the last call. */
function deleteProgress(report: (message: string, increment?: number) => void): (settled: number, total: number) => void {
  let shown = 0;
  return (settled, total) => {
    report(l10n.t('{0} of {1} objects', settled, total), ((settled - shown) * 100) / Math.max(1, total));
    shown = settled;
  };
}

/** The files and folders chosen in the Explorer (one, or the selection), or in an open dialog. */
async function chosenPaths(arg: unknown, all: unknown): Promise<string[]> {
  const uris = Array.isArray(all) && all.every((u) => u instanceof vscode.Uri) ? all as vscode.Uri[] : arg instanceof vscode.Uri ? [arg] : [];
  const files = uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  if (files.length) return files;
  const picked = await vscode.window.showOpenDialog({ title: l10n.t('Upload to object storage: choose files'), canSelectMany: true, openLabel: l10n.t('Upload') });
  if (!picked?.length) throw new Cancelled();
  return picked.map((u) => u.fsPath);
}

async function pickContainer(target: ProjectContext): Promise<string> {
  return pickOne(l10n.t('Upload to object storage'), l10n.t('The container to upload into (cloud {0})', target.cloud), async () =>
    (await target.client.objectStorage.containers().toArray()).map((c) => ({ label: c.name, description: l10n.t('{0} objects · {1}', c.count, formatBytes(c.bytes)), value: c.name })),
  l10n.t('This project has no containers: create one first (OpenStack: Create Container…).'));
}

/** Upload files and folders: from the Explorer (into a container picked), or from a container/folder row (into it). */
async function uploadToObjectStorage(deps: ProjectCommandDeps, arg?: unknown, all?: unknown): Promise<void> {
  const fromTree = arg !== undefined && !(arg instanceof vscode.Uri);
  const files = await chosenPaths(fromTree ? undefined : arg, all);
  const target = await projectContext(fromTree ? arg : undefined, deps);
  const node = (fromTree ? arg : {}) as ContainerArg & FolderArg;
  const container = node.info?.name ?? node.container ?? await pickContainer(target);
  const typed = fromTree ? node.prefix ?? '' : await vscode.window.showInputBox({
    title: l10n.t('Upload into {0}', container), prompt: l10n.t('Folder in the container (empty: its top level)'), value: '',
  });
  if (typed === undefined) throw new Cancelled();
  const items = await planUpload(files, normalPrefix(typed));
  if (items.length === 0) throw new Refused(l10n.t('There is no file to upload in what was chosen.'));
  const [existing, info] = await withProgress(l10n.t('Checking {0}', container), (signal) =>
    Promise.all([existingNames(target.client.objectStorage, container, items, signal), target.client.objectStorage.info(signal).catch(() => undefined)]));
  // a cluster that hides its /info (expose_info = false) leaves the limit to Swift's 413
  refuseTooBig(container, items, info?.maxFileSize);
  await confirmUpload(target, container, items, existing);
  const started = Date.now();
  const uploaded = await withProgress(l10n.t('Uploading to {0}', container), (signal, report) => {
    const progress = percentReporter(report);
    return runUpload(target.client.objectStorage, container, items, {
      signal, existing,
      onProgress: (p) => progress(p.totalBytes > 0 ? (p.bytes / p.totalBytes) * 100 : (p.files / p.totalFiles) * 100,
        () => l10n.t('{0} of {1} files, {2} of {3}', p.files, p.totalFiles, formatBytes(p.bytes), formatBytes(p.totalBytes))),
    });
  });
  await refreshed(deps, target);
  const context = await target.cli();
  deps.log.info(`uploaded ${uploaded.length} objects into ${container} in ${Date.now() - started} ms`);
  done(l10n.t('{0} files uploaded into {1}.', uploaded.length, container), uploadManyCli(context, container, items), cliNote(context));
}

/** Up to this many files, each target is HEADed; above, the prefixes that hold them are listed. */
const HEAD_AT_MOST = 50;

/** The object names of ITEMS that exist already (a cancelled run must not delete those), without listing the whole container. */
async function existingNames(storage: ObjectStorageService, container: string, items: readonly UploadItem[], signal: AbortSignal): Promise<Set<string>> {
  const wanted = items.map((i) => i.object);
  const found = new Set<string>();
  if (wanted.length <= HEAD_AT_MOST) {
    await inPool(wanted, 4, async (name) => {
      if (await storage.head(container, name, signal)) found.add(name);
    });
    return found;
  }
  const asked = new Set(wanted);
  for (const prefix of topPrefixes(wanted)) {
    for await (const entry of storage.entries(container, { prefix }).all(signal)) if (asked.has(entry.name)) found.add(entry.name);
  }
  return found;
}

/** Swift refuses a single PUT above its max_file_size (413, after the whole file was sent): refused before, naming the way that works. */
function refuseTooBig(container: string, items: readonly UploadItem[], maxFileSize: number | undefined): void {
  const tooBig = maxFileSize === undefined ? [] : items.filter((i) => i.bytes > maxFileSize);
  if (tooBig.length === 0) return;
  const first = tooBig[0];
  throw new Refused(l10n.t('{0} files are larger than the largest object this cloud stores in one piece ({1}), e.g. {2} ({3}): nothing was uploaded. Upload such a file in segments with the swift CLI: {4}',
    tooBig.length, formatBytes(maxFileSize!), first.file, formatBytes(first.bytes), segmentedUploadCli(container, first.file, first.object)));
}

async function confirmUpload(target: ProjectContext, container: string, items: readonly UploadItem[], existing: ReadonlySet<string>): Promise<void> {
  const bytes = formatBytes(items.reduce((n, i) => n + i.bytes, 0));
  const upload = l10n.t('Upload');
  const copy = copyCliLabel();
  const detail = plainText([
    l10n.t('{0} files ({1}) into container {2}, e.g. {3}.', items.length, bytes, container, items[0].object),
    existing.size ? l10n.t('{0} of them exist already and will be replaced (Swift keeps no old version).', existing.size) : '',
    l10n.t('Cancelling deletes the objects the upload created, so nothing half-done is left.'),
  ].filter(Boolean).join('\n'));
  for (;;) {
    const choice = await vscode.window.showInformationMessage(plainText(l10n.t('Upload {0} files to {1}?', items.length, container)), { modal: true, detail }, upload, copy);
    if (choice === upload) return;
    if (choice !== copy) throw new Cancelled();
    const context = await target.cli();
    await copyCli(uploadManyCli(context, container, items), cliNote(context));
  }
}

/** The objects an object or folder row stands for: the object, or everything below the folder (listed under a cancellable progress). */
async function objectsOf(target: ProjectContext, node: FolderArg): Promise<StoredObject[]> {
  if (node.object) return [node.object];
  const listed = await withProgress(l10n.t('Listing {0}', node.prefix ?? node.container!), (signal) =>
    target.client.objectStorage.entries(node.container!, { prefix: node.prefix }).toArray(signal));
  return listed.filter((e): e is StoredObject => e.kind === 'object');
}

async function downloadObjects(deps: ProjectCommandDeps, node: FolderArg): Promise<void> {
  const target = await projectContext(node, deps);
  const container = node.container!;
  const picked = await vscode.window.showOpenDialog({ title: l10n.t('Download into folder'), canSelectFiles: false, canSelectFolders: true, openLabel: l10n.t('Download Here') });
  if (!picked?.[0]) throw new Cancelled();
  const folder = picked[0].fsPath;
  const objects = await objectsOf(target, node);
  // a folder's objects keep their path below it; an object lands under its own name
  const base = node.object ? path.posix.dirname(node.object.name) : (node.prefix ?? '').replace(/\/$/, '');
  const { targets: planned, outside } = planDownload(folder, base === '.' ? '' : base, objects.map((o) => o.name));
  if (planned.length === 0 && outside.length) throw new Refused(outsideNote(outside, folder));
  const targets = await withoutUnwanted(planned, await existingTargets(planned));
  await withProgress(l10n.t('Downloading from {0}', container), async (signal, report) => {
    let n = 0;
    for (const t of targets) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(t.file)));
      await target.client.objectStorage.download(container, t.object, t.file, { signal });
      report(l10n.t('{0} of {1} files', ++n, targets.length), 100 / Math.max(1, targets.length));
    }
  });
  const context = await target.cli();
  const first = targets[0];
  const kept = planned.length - targets.length;
  const said = [l10n.t('{0} objects downloaded into {1}.', targets.length, folder), kept ? l10n.t('{0} existing files kept.', kept) : '', outside.length ? outsideNote(outside, folder) : ''];
  done(said.filter(Boolean).join(' '), first && objectSaveCli(context, container, first.object, first.file), cliNote(context));
}

/** TARGETS less the existing files the user keeps: asked once for them all (Replace / Skip Existing / Cancel). */
async function withoutUnwanted(targets: readonly DownloadTarget[], existing: readonly DownloadTarget[]): Promise<DownloadTarget[]> {
  if (existing.length === 0) return [...targets];
  const replace = l10n.t('Replace');
  const skip = l10n.t('Skip Existing');
  const shown = existing.slice(0, 5).map((t) => t.file).join('\n');
  const detail = existing.length > 5 ? l10n.t('{0}\n… and {1} more.', shown, existing.length - 5) : shown;
  const choice = await vscode.window.showWarningMessage(l10n.t('Replace {0} existing files?', existing.length), { modal: true, detail: plainText(detail) }, replace, skip);
  if (choice === replace) return [...targets];
  if (choice !== skip) throw new Cancelled();
  const kept = new Set(existing);
  return targets.filter((t) => !kept.has(t));
}

/** The objects set aside because their names ('..' segments) would land outside FOLDER. */
function outsideNote(outside: readonly string[], folder: string): string {
  return l10n.t('{0} objects skipped: their names would be written outside {1} (e.g. {2}).', outside.length, folder, outside[0]);
}

async function deleteObjects(deps: ProjectCommandDeps, node: FolderArg): Promise<void> {
  const target = await projectContext(node, deps);
  const container = node.container!;
  const objects = await objectsOf(target, node);
  const what = node.object ? node.object.name : node.prefix ?? '';
  await confirm(objects.length === 1 ? l10n.t("Delete '{0}' from {1}?", what, container) : l10n.t("Delete folder '{0}' and its {1} objects from {2}?", what, objects.length, container),
    l10n.t('Swift keeps no old version: deleted objects are gone.'));
  await withProgress(l10n.t('Deleting from {0}', container), (signal, report) =>
    target.client.objectStorage.deleteAll(container, objects.map((o) => o.name), { signal, onProgress: deleteProgress(report) }));
  await refreshed(deps, target);
  const context = await target.cli();
  done(l10n.t('{0} objects deleted from {1}.', objects.length, container), objectDeleteCli(context, container, objects.map((o) => o.name)), cliNote(context));
}

interface ExpiryItem extends vscode.QuickPickItem { seconds: number }

async function copyTempUrl(deps: ProjectCommandDeps, node: FolderArg): Promise<void> {
  const target = await projectContext(node, deps);
  const storage = target.client.objectStorage;
  const object = node.object!;
  const info = await storage.info();
  if (!info.tempUrl) throw new Refused(l10n.t("This cloud's object storage has no temp URLs (the tempurl middleware is not enabled)."));
  const key = (await storage.tempUrlKeys())[0] ?? await offerTempUrlKey(target);
  const expiries: ExpiryItem[] = [
    { label: l10n.t('1 hour'), seconds: 3600 }, { label: l10n.t('1 day'), seconds: 86_400 }, { label: l10n.t('7 days'), seconds: 7 * 86_400 },
  ];
  const expiry = await showPick(expiries, { title: l10n.t('Temporary URL for {0}', object.name), placeHolder: l10n.t('Anyone with the URL can download the object until it expires') });
  if (!expiry) throw new Cancelled();
  const url = await storage.tempUrl(node.container!, object.name, key, expiry.seconds);
  await vscode.env.clipboard.writeText(url);
  done(l10n.t('Copied a temporary URL of {0}, valid for {1}.', object.name, expiry.label));
}

/** The account has no temp URL key: sets a random one, only if the user agrees (it signs every temp URL of the project). */
async function offerTempUrlKey(target: ProjectContext): Promise<string> {
  const set = l10n.t('Set a Key');
  const copy = copyCliLabel();
  const choice = await vscode.window.showWarningMessage(l10n.t('This project has no temp URL key yet.'), {
    modal: true,
    detail: l10n.t('A temporary URL is signed with a key kept in the account\'s metadata (X-Account-Meta-Temp-URL-Key), which every member of the project can read. Set a random one now?'),
  }, set, copy);
  if (choice === copy) {
    const context = await target.cli();
    await copyCli(tempUrlKeyCli(context), cliNote(context));
  }
  if (choice !== set) throw new Cancelled();
  const key = randomBytes(24).toString('hex');
  await target.client.objectStorage.setTempUrlKey(key);
  return key;
}
