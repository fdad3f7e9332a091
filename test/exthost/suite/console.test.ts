/// <reference types="mocha" />
// Instance consoles in the real extension host against the dev cloud: the commands, one panel per instance
// (opened again = revealed), the serial console terminal logging in through the real nova-serialproxy, the
// close message when the proxy refuses a token, and nova's "Unavailable console type" in words.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { OpenStackClient } from '../../../src/openstack/client';
import { explainConsoleError } from '../../../src/features/console/model/consoleErrors';
import { SerialPty, openSerialTerminal } from '../../../src/features/console/serialTerminal';
import type { ConsoleTarget } from '../../../src/features/console/model/protocol';
import { FAKE_AZ, GUEST_IMAGE } from '../../support/devcloud';

const tag = `cons${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function consoleTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('openstack.console'));
}

describe('Instance consoles on the dev cloud', function () {
  this.timeout(360_000);
  let api: OpenStackExplorerApi;
  let client: OpenStackClient;
  let serverId = '';
  let target: ConsoleTarget;
  const name = `${tag}-<b>vm</b>`;

  before(async () => {
    api = await explorerApi();
    client = await api.registry.client('devcloud');
    const image = (await client.image.images({ name: GUEST_IMAGE }).toArray())[0];
    const flavor = (await client.compute.flavors().toArray()).find((f) => f.name === 'm1.tiny')!;
    serverId = (await client.compute.createServer({ availabilityZone: FAKE_AZ, name, imageRef: image.id, flavorRef: flavor.id, networks: 'none' })).id;
    target = { cloud: 'devcloud', projectId: client.session.projectId!, serverId, name };
    // a busy compute node (the bench's 200 servers) can take minutes per boot
    await until('the server to be ACTIVE', async () => (await client.compute.server(serverId)).status === 'ACTIVE', 300_000);
  });

  after(async () => {
    for (const tab of consoleTabs()) await vscode.window.tabGroups.close(tab);
    if (serverId) await client.compute.deleteServer(serverId).catch(() => undefined);
  });

  it('registers the console commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['openstack.openConsole', 'openstack.openSerialConsole', 'openstack.openVncConsole']) assert.ok(all.includes(id), id);
  });

  it('opens one panel per instance, titled with its name, and reveals it when opened again', async () => {
    await vscode.commands.executeCommand('openstack.openConsole', target);
    const tab = await until('the console tab', () => consoleTabs()[0]);
    assert.equal(tab.label, `Console: ${name}`);
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    assert.equal(consoleTabs()[0].isActive, false);
    await vscode.commands.executeCommand('openstack.openConsole', target);
    await until('the same tab, active again', () => consoleTabs().length === 1 && consoleTabs()[0].isActive);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('logs in through the real serial proxy in a terminal', async () => {
    const log = vscode.window.createOutputChannel('OpenStack console test', { log: true });
    const { terminal, pty } = await openSerialTerminal({ log, clientFor: () => Promise.resolve(client) }, target);
    try {
      assert.equal(terminal.name, `Serial: ${name}`);
      await until('the login prompt', () => /login: $/.test(pty.transcript));
      terminal.sendText('cirros\r', false);
      await until('the shell prompt', () => /\$ $/.test(pty.transcript));
      terminal.sendText('hostname\r', false);
      await until('hostname', () => /hostname\r\ncirros\r\n\$ $/.test(pty.transcript));
    } finally {
      terminal.dispose();
      log.dispose();
    }
  });

  it('"Open Serial Console" on an instance opens a terminal named after it', async () => {
    await vscode.commands.executeCommand('openstack.openSerialConsole', target);
    const terminal = await until('the serial terminal', () => vscode.window.terminals.find((t) => t.name === `Serial: ${name}`));
    terminal.dispose();
  });

  it('says why when the proxy refuses the token (open, then 1006 before any data)', async () => {
    const remote = await client.compute.remoteConsole(serverId, 'serial');
    const bad = remote.url.replace(/token=[^&]+/, 'token=00000000-0000-0000-0000-000000000000');
    const pty = new SerialPty(bad, (url) => client.openSocket(url), name, async () => (await client.compute.server(serverId)).status);
    const terminal = vscode.window.createTerminal({ name: 'serial refused', pty });
    terminal.show();   // the pty opens when the terminal is shown
    try {
      // our messages wrap to the terminal's width
      await until('the close message', () => /token was refused or has expired/.test(pty.transcript.replace(/\s+/g, ' '))).catch((err: Error) => {
        throw new Error(`${err.message}; terminal: ${JSON.stringify(pty.transcript)}`);
      });
      assert.match(pty.transcript.replace(/\s+/g, ' '), /Press any key to close this terminal/);
      let closed = false;
      const sub = vscode.window.onDidCloseTerminal((t) => { if (t === terminal) closed = true; });
      terminal.sendText('x', false);
      await until('the terminal to close on a key', () => closed, 10_000);
      sub.dispose();
    } finally {
      terminal.dispose();
    }
  });

  it('gets a noVNC URL whose query vscode.Uri would re-encode (why openExternalUrl passes the string)', async () => {
    const { url } = await client.compute.remoteConsole(serverId, 'novnc');
    assert.match(url, /^http:\/\/127\.0\.0\.1:6080\/vnc_auto\.html\?path=%3Ftoken%3D[\w-]+$/);
    assert.notEqual(vscode.Uri.parse(url, true).toString(), url);
  });

  it('explains nova\'s "Unavailable console type" (the dev cloud has SPICE off)', async () => {
    const err = await client.compute.remoteConsole(serverId, 'spice-html5').then(() => undefined, (e: unknown) => e);
    assert.ok(err, 'nova refused the SPICE console');
    assert.match(explainConsoleError(err, 'spice-html5') ?? '', /does not offer the SPICE console \(nova: "Unavailable console type spice-html5\."\)/);
  });
});
