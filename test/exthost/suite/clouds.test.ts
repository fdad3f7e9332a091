/// <reference types="mocha" />
// Clouds in the real extension host, against the dev cloud (the runner sets OS_CLIENT_CONFIG_FILE and
// OS_CLOUD=devcloud): clouds.yaml loading, a cloud added in the editor with its password in SecretStorage
// only, the active cloud, and the commands that need no typing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActiveCloud } from '../../../src/context/activeCloud';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';

type Api = OpenStackExplorerApi & { readonly active?: ActiveCloud };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Clouds in the extension host', function () {
  this.timeout(60_000);
  let api: Api;
  let active: ActiveCloud;
  const name = `exthost-${Date.now() % 100_000}`;
  // not the dev cloud's password: it must be refused, and must not turn up in globalState
  const wrongSecret = `exthost-secret-${Date.now()}`;

  before(async () => {
    api = await explorerApi();
    assert.ok(api.active, 'the API has no `active` (ActiveCloud): wire it as proposed');
    active = api.active;
  });

  after(async () => {
    await api.store.remove(name);
    await api.registry.load();
    await active.set('devcloud');
  });

  it('loads the dev cloud from the clouds.yaml that OS_CLIENT_CONFIG_FILE names, OS_CLOUD as the default', () => {
    assert.equal(api.registry.configFile, process.env.OS_CLIENT_CONFIG_FILE);
    assert.equal(api.registry.cloud('devcloud')?.auth.authUrl, 'http://127.0.0.1:5000/v3');
    assert.equal(api.registry.defaultCloud, 'devcloud');
  });

  it('makes the OS_CLOUD cloud active in its configured project until another is chosen', () => {
    assert.equal(active.cloud?.name, 'devcloud');
    assert.equal(active.project, undefined);
  });

  it("keeps a saved cloud's password in SecretStorage, never in globalState", async () => {
    await api.store.save(name, {
      OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_USERNAME: 'demo', OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_NAME: 'demo', OS_PROJECT_DOMAIN_NAME: 'Default', OS_PASSWORD: wrongSecret,
    });
    // store.list() is globalState.get('openstack.addedClouds'), read back through VS Code
    const stored = api.store.list().find((c) => c.name === name);
    assert.equal(stored?.vars.OS_USERNAME, 'demo');
    assert.ok(!JSON.stringify(api.store.list()).includes(wrongSecret), 'the password reached globalState');
    assert.equal(await api.store.getSecret(name), wrongSecret);
  });

  it('turns a saved cloud into a registry cloud on load(), without its password', async () => {
    await api.registry.load();
    const cloud = api.registry.cloud(name);
    assert.equal(cloud?.source, 'extension');
    assert.equal(cloud.auth.username, 'demo');
    assert.equal(cloud.auth.password, undefined);
    assert.ok(!JSON.stringify(cloud.raw).includes(wrongSecret));
  });

  it('forgets a password that Keystone refuses', async () => {
    await assert.rejects(api.registry.client(name), /Keystone: .*Check the username, password and user domain/);
    assert.equal(await api.store.getSecret(name), undefined);
  });

  it('signs in with the password from SecretStorage', async () => {
    await api.store.setSecret(name, 'demo');
    const client = await api.registry.client(name);
    // other suites may give demo roles in projects of their own: look for demo, not for an exact list
    const names = (await client.session.projects()).map((p) => p.name);
    assert.ok(names.includes('demo'), names.join(', '));
  });

  it('switches the active cloud and project, remembers them, and hands out their client', async () => {
    const client = await api.registry.client(name);
    await client.session.token();
    const projectId = client.session.projectId!;
    let changes = 0;
    const sub = active.onDidChange(() => changes++);
    try {
      await active.set(name, { id: projectId, name: 'demo' });
      assert.equal(changes, 1);
      assert.equal(active.cloud?.name, name);
      assert.deepEqual(active.project, { id: projectId, name: 'demo' });
      assert.equal((await active.client()).session.projectId, projectId);
    } finally {
      sub.dispose();
    }
  });

  it('falls back to the OS_CLOUD cloud when the active one is removed, and deletes its secret', async () => {
    await api.store.remove(name);
    await api.registry.load();
    assert.equal(api.registry.cloud(name), undefined);
    assert.equal(await api.store.getSecret(name), undefined);
    assert.equal(active.cloud?.name, 'devcloud');
  });

  it('opens the clouds.yaml in use', async () => {
    await vscode.commands.executeCommand('openstack.openCloudsYaml');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, api.registry.configFile);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('cancels Add cloud on Escape without an error or a saved cloud', async () => {
    const before = api.store.list().length;
    const running = vscode.commands.executeCommand('openstack.addCloud');
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await running, undefined);
    assert.equal(api.store.list().length, before);
  });
});
