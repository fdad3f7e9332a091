/// <reference types="mocha" />
// VS Code's proxy settings reach the clouds' clients: a cloud whose Keystone is named by a host only the proxy
// knows (keystone.proxy.test, tunnelled to the dev cloud's Keystone on 127.0.0.1) signs in through `http.proxy`,
// and stops doing so once `http.noProxy` names the host: a changed setting takes effect without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import { tunnelProxy } from '../../unit/http/helpers';


describe("VS Code's proxy settings", function () {
  this.timeout(60_000);
  let api: OpenStackExplorerApi;
  let proxy: Awaited<ReturnType<typeof tunnelProxy>>;
  const closers: { close(): Promise<void> }[] = [];
  const name = `proxied-${Date.now() % 100_000}`;
  const http = () => vscode.workspace.getConfiguration('http');

  before(async () => {
    api = await explorerApi();
    const keystone = new URL(api.registry.cloud('devcloud')?.auth.authUrl ?? '');
    proxy = await tunnelProxy(Number(keystone.port), closers);
    await api.store.save(name, {
      OS_AUTH_URL: `http://keystone.proxy.test:${keystone.port}/v3`, OS_USERNAME: 'demo', OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_NAME: 'demo', OS_PROJECT_DOMAIN_NAME: 'Default', OS_PASSWORD: 'demo',
    });
    await api.registry.load();
  });

  after(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    await api.store.remove(name);
    await api.registry.load();
    await Promise.all(closers.map((c) => c.close()));
  });

  it('signs in through http.proxy, and around it once http.noProxy names the host', async () => {
    const port = new URL(api.registry.cloud(name)?.auth.authUrl ?? '').port;
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    const client = await api.registry.client(name);
    assert.ok(client.session.projectId, 'no project-scoped token');
    assert.deepEqual(proxy.connects, [`keystone.proxy.test:${port}`]);

    await http().update('noProxy', ['proxy.test'], vscode.ConfigurationTarget.Global);
    // the change drops the clients: the next one resolves keystone.proxy.test itself, which no DNS knows
    let refused = '';
    for (let i = 0; i < 50 && !refused; i++) {
      refused = await api.registry.client(name).then(() => '', (err: unknown) => String(err));
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(refused, /Cannot resolve keystone\.proxy\.test/);
    assert.equal(proxy.connects.length, 1);
  });
});
