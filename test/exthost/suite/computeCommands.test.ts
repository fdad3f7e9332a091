/// <reference types="mocha" />
// The compute/image half of "build the student's cloud from the editor", in the real extension host against the
// dev cloud: each command's execute(spec, target, signal) runs for real and is checked through the API (and
// the tree, for launching). Refusals are provoked for real and read as the user reads them. Every request
// of each execute is counted (test-results/compute-requests.json).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { CategoryNode } from '../../../src/ui/tree/categoryNode';
import { collectImageUpload, executeImageUpload } from '../../../src/features/images/imageCommands';
import { detectFileDiskFormat, imageNameFromFile, imageUploadCli } from '../../../src/features/images/model/imagesFormat';
import { registerComputeCommands } from '../../../src/features/computeCommands';
import { executeInstanceAction } from '../../../src/features/instances/instanceActions';
import { pickServer } from '../../../src/features/instances/pickServer';
import { NothingToPick } from '../../../src/ui/pickers';
import { collectKeypairImport, executeKeypairDelete, executeKeypairImport } from '../../../src/features/keypairs/keypairCommands';
import { keypairNameFromFile, parsePublicKey } from '../../../src/features/keypairs/model/keypairsFormat';
import { collectLaunch, executeLaunch, loadLaunchChoices } from '../../../src/features/instances/launchInstance';
import { countProblem, flavorHeadroom, launchCli, type LaunchSpec } from '../../../src/features/instances/model/launchInstanceInputs';
import { MultiStepInput } from '../../../src/ui/multiStep';
import { explainRefusal } from '../../../src/core/refusals';
import { isCancellation } from '../../../src/ui/runCommand';
import { collectRule, executeRuleAdd, executeRuleDelete, executeSecurityGroupCreate, executeSecurityGroupDelete } from '../../../src/features/securityGroups/securityGroupCommands';
import { allowPing, allowSsh, allowTcpPort } from '../../../src/features/securityGroups/model/securityGroupsRules';
import type { Changed } from '../../../src/ui/commandKit';
import type { Target } from '../../../src/core/target';
import { OpenStackClient } from '../../../src/openstack/client';
import { clientOptionsFor } from '../../../src/openstack/clientOptions';
import type { Server } from '../../../src/openstack/computeModels';
import type { SecurityGroup } from '../../../src/openstack/networkModels';
import { OpenStackError } from '../../../src/openstack/errors';
import type { Exchange } from '../../../src/openstack/http';
import { GUEST_IMAGE, openstack, until } from '../../support/devcloud';
import { accept, spyPrompts } from './prompts';
import { treeQueries } from './treeQueries';

const tag = `cc${Date.now() % 100000}`;
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the user sees for ERR: the refusal's explanation, as reportError shows it. */
function userMessage(err: unknown): string {
  return explainRefusal(err)?.message ?? (err instanceof Error ? err.message : String(err));
}

async function refusal(work: Promise<unknown>): Promise<OpenStackError> {
  const err = await work.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(err instanceof OpenStackError, `not an OpenStackError: ${String(err)}`);
  return err;
}

describe('Compute commands on the dev cloud', function () {
  this.timeout(120_000);
  let api: OpenStackExplorerApi;
  let target: Target;
  let dir = '';
  const exchanges: Exchange[] = [];
  const requests: Record<string, string[]> = {};
  const undo: (() => Promise<unknown>)[] = [];
  const never = new AbortController().signal;

  /** Runs WORK and keeps the requests it sent, as "METHOD /path". */
  async function counted<T>(name: string, work: () => Promise<T>): Promise<T> {
    const from = exchanges.length;
    try {
      return await work();
    } finally {
      requests[name] = exchanges.slice(from).map((e) => `${e.method} ${new URL(e.url).pathname.replace(/\/v2(\.[01])?\//, '/')}${e.status ? ` → ${e.status}` : ` (${e.error ?? 'no answer'})`}`);
    }
  }

  const { children, child } = treeQueries(() => api);
  let spy: ReturnType<typeof spyPrompts>;
  /** Accepts the COUNTth prompt once it is shown, with the item whose label matches LABEL active, if given. */
  const acceptStep = async (count: number, label?: RegExp) => {
    const prompt = await spy.when(count);
    if (label) {
      const pick = prompt as vscode.QuickPick<vscode.QuickPickItem>;
      const item = pick.items.find((i) => label.test(i.label));
      assert.ok(item, `no item ${label} in step ${count}: ${pick.items.map((i) => i.label).join(', ')}`);
      pick.activeItems = [item];
      await sleep(300);   // the active item reaches the renderer before the accept does
    }
    await accept();
  };
  const changed = (kind: Parameters<Changed>[0]) => api.explorer.refreshCategory('devcloud', target.projectId, kind);

  before(async () => {
    api = await explorerApi();
    const cloud = api.registry.cloud('devcloud');
    assert.ok(cloud, 'the dev cloud is in clouds.yaml');
    const client = OpenStackClient.create(clientOptionsFor(cloud, { onExchange: (e) => exchanges.push(e) }));
    await client.session.token();
    // warm: the catalog and nova's version document are read once per session, not per command
    await client.compute.versions.supported();
    target = { cloud: 'devcloud', projectId: client.session.projectId!, client };
    dir = await mkdtemp(path.join(os.tmpdir(), `${tag}-`));
    // two networks of the project's own (whatever else it sees), so that launches must name one
    for (const [name, cidr] of [[`${tag}-net`, '10.77.0.0/24'], [`${tag}-net2`, '10.76.0.0/24']]) {
      const net = await client.network.createNetwork({ name });
      undo.push(() => until(`${name} deleted`, () => client.network.deleteNetwork(net.id).then(() => true, () => false), 120_000, 3000));
      await client.network.createSubnet({ networkId: net.id, cidr, ipVersion: 4, name: `${name}-subnet` });
    }
  });

  after(async () => {
    for (const step of undo.splice(0).reverse()) await step().catch((err: unknown) => console.error('cleanup:', err));
    await rm(dir, { recursive: true, force: true });
    await target?.client.close();
    const file = path.resolve(__dirname, '../../../test-results/compute-requests.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(requests, null, 2));
  });

  it('uploads a qcow2 image with its format detected, reporting progress in bytes', async () => {
    const file = path.join(dir, `${tag}-disk.qcow2`);
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', file, '64M']);
    const detected = await detectFileDiskFormat(file);
    assert.equal(detected.format, 'qcow2');
    const spec = { file, name: `${tag}-${imageNameFromFile(file)}`, diskFormat: detected.format, containerFormat: 'bare' as const, visibility: 'private' as const };
    const progress: number[] = [];
    const image = await counted('upload image', () => executeImageUpload(spec, target, never, { onProgress: (sent) => progress.push(sent), changed }));
    undo.push(() => target.client.image.deleteImage(image.id));
    assert.equal(image.status, 'active');
    assert.equal(image.diskFormat, 'qcow2');
    assert.equal(image.containerFormat, 'bare');
    assert.equal(image.visibility, 'private');
    assert.equal(image.size, detected.size);
    assert.equal(progress.at(-1), detected.size);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
    assert.deepEqual(requests['upload image'].map((r) => r.replace(/[0-9a-f-]{36}/, '{id}')), ['POST /images → 201', 'PUT /images/{id}/file → 204', 'GET /images/{id} → 200']);
  });

  it('cancels an upload midway and leaves no queued image behind', async () => {
    const file = path.join(dir, `${tag}-big.raw`);
    const chunk = Buffer.alloc(4 << 20, 0x5a);
    await writeFile(file, Buffer.concat(Array(64).fill(chunk)));   // 256 MiB: still streaming when cancelled
    const controller = new AbortController();
    const name = `${tag}-cancelled`;
    let sentAtCancel = 0;
    const err = await counted('upload image, cancelled', () => executeImageUpload(
      { file, name, diskFormat: 'raw', containerFormat: 'bare', visibility: 'private' }, target, controller.signal,
      { onProgress: (sent) => { if (!sentAtCancel && sent >= 8 << 20) { sentAtCancel = sent; controller.abort(); } }, changed },
    ).then(() => assert.fail('the upload should have been cancelled'), (e: unknown) => e));
    assert.ok(isCancellation(err), `a cancellation, not: ${String(err)}`);
    assert.ok(sentAtCancel > 0 && sentAtCancel < 256 << 20);
    const id = /\/images\/([0-9a-f-]{36})\/file/.exec(requests['upload image, cancelled'].join('\n'))?.[1];
    assert.ok(id, requests['upload image, cancelled'].join('\n'));
    // verified through the API: neither the id nor the name is there, in any status
    await assert.rejects(target.client.image.image(id), (e: unknown) => e instanceof OpenStackError && e.status === 404);
    assert.deepEqual(await target.client.image.images({ name }).toArray(), []);
    assert.deepEqual(await target.client.image.images({ status: 'queued' }).toArray().then((l) => l.filter((i) => i.name.startsWith(tag))), []);
  });

  it('imports a key pair from an ssh-keygen file, refuses the same name again, and deletes it', async () => {
    const keyFile = path.join(dir, `${tag}_key`);
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${tag}@test`, '-f', keyFile]);
    const { key } = parsePublicKey(await readFile(`${keyFile}.pub`, 'utf8'));
    assert.ok(key);
    const spec = { name: keypairNameFromFile(`${keyFile}.pub`), file: `${keyFile}.pub`, publicKey: key };
    const keypair = await counted('import key pair', () => executeKeypairImport(spec, target, never, changed));
    undo.push(() => target.client.compute.deleteKeypair(spec.name));
    const listed = (await target.client.compute.keypairs().toArray()).find((k) => k.name === spec.name);
    assert.equal(listed?.fingerprint, keypair.fingerprint);
    assert.equal(listed?.publicKey.trim(), key.line);

    const clash = await refusal(executeKeypairImport(spec, target, never));
    assert.equal(clash.status, 409);
    assert.equal(userMessage(clash), `You already have a key pair named '${spec.name}' (key pairs belong to your user, in every project): choose another name, or delete the old key pair first. (Nova said: Key pair '${spec.name}' already exists.)`);

    await counted('delete key pair', () => executeKeypairDelete(spec.name, target, never, changed));
    assert.equal((await target.client.compute.keypairs().toArray()).some((k) => k.name === spec.name), false);
  });

  it('creates a security group with ping and SSH, adds quick and custom rules, refuses a duplicate, deletes a rule', async () => {
    const group = await counted('create security group (+2 rules)', () => executeSecurityGroupCreate(
      { name: `${tag}-web`, description: 'test', rules: [allowPing(), allowSsh()] }, target, never, changed));
    undo.push(() => target.client.network.deleteSecurityGroup(group.id));
    const http = await counted('add rule', () => executeRuleAdd(group.id, allowTcpPort(8080, '10.0.0.0/8'), target, never, changed));
    const custom = await executeRuleAdd(group.id, { direction: 'ingress', ethertype: 'IPv6', protocol: 'udp', portRangeMin: 5000, portRangeMax: 5010, remoteIpPrefix: '2001:db8::/32' }, target, never);
    const icmpType = await executeRuleAdd(group.id, { direction: 'egress', ethertype: 'IPv4', protocol: 'icmp', portRangeMin: 8, portRangeMax: 0, remoteIpPrefix: '192.0.2.0/24' }, target, never);
    const rules = (await target.client.network.securityGroups({ name: `${tag}-web` }).toArray())[0].rules;
    const has = (f: (r: (typeof rules)[number]) => boolean) => assert.ok(rules.some(f), JSON.stringify(rules.map((r) => r.raw)));
    has((r) => r.direction === 'ingress' && r.protocol === 'icmp' && r.remoteIpPrefix === '0.0.0.0/0');
    has((r) => r.protocol === 'tcp' && r.portRangeMin === 22 && r.portRangeMax === 22 && r.remoteIpPrefix === '0.0.0.0/0');
    has((r) => r.id === http.id && r.portRangeMin === 8080 && r.remoteIpPrefix === '10.0.0.0/8');
    has((r) => r.id === custom.id && r.ethertype === 'IPv6' && r.protocol === 'udp' && r.portRangeMin === 5000 && r.portRangeMax === 5010 && r.remoteIpPrefix === '2001:db8::/32');
    has((r) => r.id === icmpType.id && r.direction === 'egress' && r.portRangeMin === 8 && r.portRangeMax === 0);

    const duplicate = await refusal(executeRuleAdd(group.id, allowSsh(), target, never));
    assert.equal(duplicate.status, 409);
    assert.match(userMessage(duplicate), /^The group already has this rule: nothing to add\. \(Neutron said: Security group rule already exists\. Rule id is [0-9a-f-]{36}\.\)$/);

    await counted('delete rule', () => executeRuleDelete(http.id, target, never, changed));
    const after = (await target.client.network.securityGroups({ name: `${tag}-web` }).toArray())[0].rules;
    assert.equal(after.some((r) => r.id === http.id), false);
  });

  it('refuses to leave the network to nova when the project sees more than one, as the launch steps would not', async () => {
    // the suite's setup made two networks of its own, so the project sees several even on a freshly wiped dev cloud
    const choices = await counted('launch: load the choices', () => loadLaunchChoices(target));
    assert.ok(choices.networks.filter((n) => n.name.startsWith(`${tag}-net`)).length === 2, JSON.stringify(choices.networks.map((n) => n.name)));
    assert.ok(!choices.networks.some((n) => n.name === 'ext'), "the admin's external network is not one nova would pick for demo");
    const guest = choices.images.find((i) => i.name === GUEST_IMAGE)!;
    const tiny = choices.flavors.find((f) => f.name === 'm1.tiny')!;
    const spec: LaunchSpec = {
      name: `${tag}-auto`, image: { id: guest.id, name: GUEST_IMAGE }, flavor: { id: tiny.id, name: 'm1.tiny' },
      networks: 'auto', securityGroups: [], metadata: {}, count: 1,
    };
    const err = await refusal(executeLaunch(spec, target, never));
    assert.equal(err.status, 409);
    assert.equal(userMessage(err), 'This project sees more than one network, so Nova will not guess: choose the network(s) in the launch steps. (Nova said: Multiple possible networks found, use a Network ID to be more specific.)');
  });

  it('refuses a count above what the instance quota leaves, saying which quota and how much is used', async () => {
    const { limits, images, flavors, networks } = await loadLaunchChoices(target);
    const tiny = flavors.find((f) => f.name === 'm1.tiny')!;
    const room = flavorHeadroom(tiny, limits);
    const count = limits.instances.limit + 1;   // above the quota whatever other runs start or delete meanwhile
    assert.match(countProblem(String(count), room) ?? '', /The quota leaves room for/, 'the count step would refuse it');
    const net = networks.find((n) => n.name === `${tag}-net`)!;
    const err = await refusal(executeLaunch({
      name: `${tag}-many`, image: { id: images.find((i) => i.name === GUEST_IMAGE)!.id, name: GUEST_IMAGE }, flavor: { id: tiny.id, name: tiny.name },
      networks: [{ id: net.id, name: net.name }], securityGroups: [], metadata: {}, count,
    }, target, never));
    assert.equal(err.status, 403);
    assert.match(userMessage(err), new RegExp(`^This launch needs ${count} instances, but the project's instance quota has \\d+ of ${limits.instances.limit} in use \\(\\d+ left\\): launch fewer`));
  });

  it("refuses a launch over a temporary project's low vCPU quota (set by an admin)", async function () {
    this.timeout(240_000);
    const project = `${tag}-quota`;
    const created = await openstack<{ id: string }>('devcloud-admin', ['project', 'create', '--domain', 'Default', project, '-f', 'json']);
    undo.push(() => openstack('devcloud-admin', ['project', 'delete', created.id]));
    await openstack('devcloud-admin', ['role', 'add', '--user', 'demo', '--user-domain', 'Default', '--project', created.id, 'member']);
    await openstack('devcloud-admin', ['quota', 'set', '--cores', '1', '--instances', '5', created.id]);
    // the demo user's session rescoped (the registry's client is the extension bundle's, whose errors are its own classes)
    const client = await target.client.rescope(created.id);
    const temp: Target = { cloud: 'devcloud', projectId: created.id, client };
    const net = await client.network.createNetwork({ name: `${tag}-qnet` });
    undo.push(() => client.network.deleteNetwork(net.id));
    await client.network.createSubnet({ networkId: net.id, cidr: '10.78.0.0/24', ipVersion: 4 });
    const { limits, flavors, images } = await loadLaunchChoices(temp);
    const tiny = flavors.find((f) => f.name === 'm1.tiny')!;
    assert.deepEqual(flavorHeadroom(tiny, limits, undefined, 2).reasons, ['needs 2 vCPUs for 2, 1 left of 1']);
    assert.equal(countProblem('2', flavorHeadroom(tiny, limits)), 'The quota leaves room for 1 more instance of this flavor');
    const err = await refusal(executeLaunch({
      name: `${tag}-cores`, image: { id: images.find((i) => i.name === GUEST_IMAGE)!.id, name: GUEST_IMAGE }, flavor: { id: tiny.id, name: tiny.name },
      networks: [{ id: net.id, name: net.name }], securityGroups: [], metadata: {}, count: 2,
    }, temp, never));
    assert.equal(err.status, 403);
    assert.equal(userMessage(err), "This launch needs 2 vCPUs, but the project's vCPU quota has 0 of 1 vCPU in use (1 vCPU left): pick a smaller flavor, launch fewer, delete instances you no longer need, or ask an admin to raise the quota. (Nova said: Quota exceeded for cores: Requested 2, but already used 0 of 1 cores)");
  });

  describe('launching two instances', function () {
    // a busy compute node (the bench's 200 servers) can take minutes per boot
    this.timeout(900_000);
    let servers: Server[] = [];
    /**
     * The Instances category as the view holds it: its children are what it last loaded (the poller reloads it).
     * Looked up again only after the whole tree was rebuilt: a clouds.yaml rewrite (any `devcloud.sh up`, e.g.
     * another test run's) reloads the clouds and starts the tree over.
     */
    const registered: vscode.Disposable[] = [];
    let held: CategoryNode | undefined;
    let rebuilt: vscode.Disposable | undefined;
    const instances = async (): Promise<CategoryNode> => {
      if (!held) {
        held = await child(await child(await child(undefined, 'devcloud'), 'demo'), 'Instances') as CategoryNode;
        await children(held);
      }
      return held;
    };
    const byName = async () => (await target.client.compute.servers({ name: `^${tag}-vm-` }).toArray()).sort((a, b) => a.name.localeCompare(b.name));
    const settled = (status: string) => async () => {
      const list = await byName();
      return list.length === 2 && list.every((s) => s.status === status && !s.taskState) ? list : undefined;
    };
    const inTree = async (name: string) => String((await child(await instances(), name)).treeItem().contextValue);

    before(async () => {
      rebuilt = api.explorer.onDidChangeTreeData((node) => { if (!node) held = undefined; });
      await instances();   // loaded, so that a launch refreshes it
    });

    after(async () => {
      rebuilt?.dispose();
      vscode.Disposable.from(...registered.splice(0)).dispose();
      for (const s of await byName().catch(() => [] as Server[])) await target.client.compute.deleteServer(s.id).catch(() => undefined);
    });

    it('launches 2 instances: the tree shows them in BUILD at once and polls until both are ACTIVE', async () => {
      const userData = path.join(dir, 'cloud-config.yaml');
      await writeFile(userData, '#cloud-config\nruncmd:\n  - echo hello\n');
      const keyFile = path.join(dir, `${tag}_vm`);
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
      const key = parsePublicKey(await readFile(`${keyFile}.pub`, 'utf8')).key!;
      await executeKeypairImport({ name: `${tag}-vmkey`, file: `${keyFile}.pub`, publicKey: key }, target, never);
      undo.push(() => target.client.compute.deleteKeypair(`${tag}-vmkey`));
      const group = await executeSecurityGroupCreate({ name: `${tag}-vmsg`, description: '', rules: [allowPing(), allowSsh()] }, target, never);
      // refused (409) while the deleted instances' ports still hold it: retried, bounded, like the networks
      undo.push(() => until(`${group.name} deleted`, () => target.client.network.deleteSecurityGroup(group.id)
        .then(() => true, (err: unknown) => err instanceof OpenStackError && err.status === 404), 60_000, 2000));
      const choices = await loadLaunchChoices(target);
      const net = choices.networks.find((n) => n.name === `${tag}-net`)!;
      const spec: LaunchSpec = {
        name: `${tag}-vm`,
        image: { id: choices.images.find((i) => i.name === GUEST_IMAGE)!.id, name: GUEST_IMAGE },
        flavor: { id: choices.flavors.find((f) => f.name === 'm1.tiny')!.id, name: 'm1.tiny' },
        networks: [{ id: net.id, name: net.name }],
        securityGroups: [{ id: group.id, name: group.name }],
        keyName: `${tag}-vmkey`,
        metadata: { course: 'os101', role: 'web' },
        userDataFile: userData,
        count: 2,
      };
      await counted('launch 2 instances', () => executeLaunch(spec, target, never, changed));
      // at once: the category was reloaded by the launch itself
      const first = await inTree(`${tag}-vm-1`);
      assert.match(first, /\bopenstack\.server\b.*\bstatus-build\b/);
      assert.ok(api.explorer.poller.isWatching(await instances()), 'a building server makes its category poll');
      await inTree(`${tag}-vm-2`);
      servers = await until('both instances ACTIVE', settled('ACTIVE'), 840_000, 3000);
      // the poller gets the tree there by itself, without anyone expanding it again (its delay is at most 30 s)
      const activeInTree = async () => /status-active/.test(await inTree(`${tag}-vm-1`)) && /status-active/.test(await inTree(`${tag}-vm-2`));
      for (let i = 0; i < 60 && !(await activeInTree()); i++) await sleep(1000);
      for (const s of servers) {
        assert.match(await inTree(s.name), /status-active/);
        assert.deepEqual(s.metadata, { course: 'os101', role: 'web' });
        assert.equal(s.keyName, `${tag}-vmkey`);
        assert.deepEqual(s.securityGroups, [`${tag}-vmsg`]);
        assert.ok(s.addresses.some((a) => a.addr.startsWith('10.77.0.')), JSON.stringify(s.addresses));
      }
      // the group is in use now: deleting it is refused, and explained
      const inUse = await refusal(executeSecurityGroupDelete(group.id, target, never));
      assert.equal(inUse.status, 409);
      assert.match(userMessage(inUse), /^Instances still use this security group \(through their ports\)/);
    });

    it('stops, starts, soft- and hard-reboots an instance, following it to the settled status', async function () {
      if (!servers.length) this.skip();
      const [vm] = servers;
      const status = async () => target.client.compute.server(vm.id);
      const reach = (want: string) => until(`${vm.name} ${want}`, async () => {
        const s = await status();
        return s.status === want && !s.taskState ? s : undefined;
      }, 600_000, 2000);
      // Stop as the context menu runs it, on the tree node (registered here unless extension.ts already has it)
      if (!(await vscode.commands.getCommands(true)).includes('openstack.stopInstance')) {
        const log = vscode.window.createOutputChannel(`OpenStack ${tag}`, { log: true });
        registered.push(log, ...registerComputeCommands({ log, registry: api.registry, active: api.active, explorer: api.explorer }));
      }
      await vscode.commands.executeCommand('openstack.stopInstance', await child(await instances(), vm.name));
      assert.match(await inTree(vm.name), /status-active.*\bbusy\b|status-shutoff/, 'the tree shows the stop at once');
      await reach('SHUTOFF');
      await counted('start', () => executeInstanceAction('start', vm.id, target, never, changed));
      await reach('ACTIVE');
      await counted('soft reboot', () => executeInstanceAction('softReboot', vm.id, target, never, changed));
      await reach('ACTIVE');
      await counted('hard reboot', () => executeInstanceAction('hardReboot', vm.id, target, never, changed));
      await reach('ACTIVE');
      await counted('stop', () => executeInstanceAction('stop', vm.id, target, never, changed));
      await reach('SHUTOFF');
    });

    it('picks an instance from the palette a page at a time: shown with the first page that has one, the rest added below', async function () {
      if (!servers.length) this.skip();
      const config = vscode.workspace.getConfiguration('openstack');
      await config.update('pageSize', 1, vscode.ConfigurationTarget.Global);
      const prompts = spyPrompts();
      try {
        const from = exchanges.length;
        const pagesRead = () => exchanges.slice(from).filter((e) => new URL(e.url).pathname.endsWith('/servers/detail')).length;
        const ours = (s: Server) => s.name.startsWith(`${tag}-vm-`);
        const unusable = (s: Server) => (s.id === servers[0].id ? `${tag}: not this one` : undefined);
        const picking = pickServer(target.client, { title: `${tag} pick`, placeholder: 'The instance', empty: 'none', keep: ours, unusable });
        await until('the pick shown', async () => prompts.prompts.length === 1, 30_000, 10);
        const readWhenShown = pagesRead();
        const pick = prompts.prompts[0] as vscode.QuickPick<vscode.QuickPickItem>;
        await until('both listed, the pick no longer busy', async () => !pick.busy && pick.items.length === 2, 30_000, 50);
        assert.ok(readWhenShown < pagesRead(), `the pick showed after ${readWhenShown} of ${pagesRead()} pages`);
        // in the order read, the unusable one marked where it is: rows shown never move while more come
        assert.deepEqual(pick.items.map((i) => [i.label, i.detail]), [[servers[0].name, `${tag}: not this one`], [servers[1].name, servers[1].id]]);
        pick.activeItems = [pick.items[1]];
        await sleep(300);
        await accept();
        assert.equal((await picking).id, servers[1].id);
        // every page read, none with one to pick: said instead of an empty pick
        await assert.rejects(pickServer(target.client, { title: `${tag} pick`, placeholder: 'The instance', empty: `${tag}: none`, keep: () => false }),
          (err: unknown) => err instanceof NothingToPick && err.message === `${tag}: none`);
        assert.equal(prompts.prompts.length, 1);
      } finally {
        prompts.restore();
        await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('deletes both instances', async function () {
      if (!servers.length) this.skip();
      for (const s of servers) await counted(`delete instance ${s.name.slice(-1)}`, () => executeInstanceAction('delete', s.id, target, never, changed));
      await until('both instances gone', async () => (await byName()).length === 0, 600_000, 2000);
    });
  });

  describe('collecting input through the real quick input', function () {
    this.timeout(60_000);
    beforeEach(() => { spy = spyPrompts(); });
    afterEach(() => spy.restore());
    const copyCliLabel = /Copy as openstack CLI/;

    it('Upload image: name from the file, the detected format confirmed, private, summary; Back keeps the answers', async () => {
      const file = path.join(dir, `${tag}-appliance.vmdk`);
      await run('qemu-img', ['create', '-q', '-f', 'vmdk', file, '16M']);
      await vscode.env.clipboard.writeText(`${tag}: nothing copied yet`);
      const collecting = collectImageUpload(target, file, (s) => imageUploadCli(s, { cloud: 'devcloud' }));
      await acceptStep(1);                                      // 1/4 name: the file's base name
      await acceptStep(2);                                      // 2/4 format: vmdk, detected
      await spy.when(3);                                        // 3/4 → back to 2/4
      await vscode.commands.executeCommand('workbench.action.quickInputBack');
      await acceptStep(4);                                      // 2/4 again, vmdk still active
      await acceptStep(5);                                      // 3/4 visibility: private
      await acceptStep(6, copyCliLabel);                        // 4/4 summary: Copy as openstack CLI
      await acceptStep(7);                                      // 4/4 again (shown once the copy landed): Upload
      const spec = await collecting;
      assert.deepEqual(spec, { file, name: `${tag}-appliance`, diskFormat: 'vmdk', containerFormat: 'bare', visibility: 'private' });
      assert.equal(await vscode.env.clipboard.readText(), `openstack --os-cloud devcloud image create --disk-format vmdk --container-format bare --private --file ${file} --progress ${tag}-appliance`);
    });

    it('Launch instance: defaults fit the exercise, a network must be checked when there are several, CLI from the summary', async () => {
      await vscode.env.clipboard.writeText(`${tag}: nothing copied yet`);
      const collecting = collectLaunch(target, (s) => launchCli(s, { cloud: 'devcloud' }));
      await acceptStep(1);                                      // 1 name: vm1
      await acceptStep(2);                                      // 2 image: the public devcloud-guest (shown once the choices loaded)
      await acceptStep(3);                                      // 3 flavor: m1.tiny
      await acceptStep(4, /^Boot from the local disk$/);        // 4 root disk (the dev cloud has Cinder): m1.tiny's own
      const networks = await spy.when(5) as vscode.QuickPick<vscode.QuickPickItem>;
      await accept();                                           // 4 networks: none checked → refused, stays open
      await until('the refusal in place of the placeholder', async () => /^Check at least one network/.test(networks.placeholder ?? ''), 10_000, 100);
      const own = networks.items.find((i) => i.label === `${tag}-net`);
      assert.ok(own, networks.items.map((i) => i.label).join(', '));
      networks.selectedItems = [own];                           //   check the project's own network
      await sleep(300);
      await accept();
      await acceptStep(6);                                      // 6 security groups: default checked
      await acceptStep(7);                                      // 7 key pair
      await acceptStep(8);                                      // 8 metadata: none
      await acceptStep(9);                                      // 9 user data: none
      await acceptStep(10);                                     // 10 count: 1
      await acceptStep(11, copyCliLabel);                       // 11 summary: Copy as openstack CLI
      await acceptStep(12);                                     // summary again (once the copy landed): Launch (collect only)
      const spec = await collecting;
      assert.equal(spec.name, 'vm1');
      assert.equal(spec.image.name, GUEST_IMAGE);
      assert.equal(spec.flavor.name, 'm1.tiny');
      assert.deepEqual(Array.isArray(spec.networks) && spec.networks.map((n) => n.name), [`${tag}-net`]);
      assert.deepEqual(spec.securityGroups.map((g) => g.name), ['default']);
      assert.deepEqual([spec.metadata, spec.userDataFile, spec.count, spec.bootVolume], [{}, undefined, 1, undefined]);
      assert.equal(await vscode.env.clipboard.readText(), launchCli(spec, { cloud: 'devcloud' }));
      assert.match(launchCli(spec, { cloud: 'devcloud' }), /^openstack --os-cloud devcloud server create --image devcloud-guest --flavor m1\.tiny --network \S+ --security-group default (--key-name \S+ )?--wait vm1$/);
    });
  });

  describe('collecting rules and key pairs through the real quick input', function () {
    this.timeout(60_000);
    beforeEach(() => { spy = spyPrompts(); });
    afterEach(() => spy.restore());
    const group = (rules: SecurityGroup['rules']): SecurityGroup => ({ id: 'sg-test', name: 'web', description: '', rules, raw: {} });

    it('Add rule: a quick add the group already has is refused in place; Allow TCP port… asks the port and the remote CIDR', async () => {
      const ping = { id: 'r1', securityGroupId: 'sg-test', direction: 'ingress' as const, ethertype: 'IPv4' as const, protocol: 'icmp', portRangeMin: null, portRangeMax: null, remoteIpPrefix: '0.0.0.0/0', remoteGroupId: null, description: '', raw: {} };
      let collecting = collectRule(target, group([ping]));
      await acceptStep(1, /Allow ICMP \(ping\)/);                // already there → stays open, saying so
      const kinds = await spy.when(1);
      await until('the refusal in place of the placeholder', async () => kinds.placeholder !== undefined && /already has that rule/.test(kinds.placeholder), 10_000, 100);
      await acceptStep(1, /Allow SSH/);
      assert.deepEqual((await collecting).rule, allowSsh());
      assert.equal(spy.prompts.length, 1, 'a quick add takes one step');
      spy.prompts.length = 0;
      collecting = collectRule(target, group([]));
      await acceptStep(1, /Allow TCP port…/);
      await acceptStep(2);        // 2/3 port: 80
      await acceptStep(3);        // 3/3 remote: 0.0.0.0/0
      assert.deepEqual((await collecting).rule, allowTcpPort(80));
    });

    it('Add rule: the custom flow walks direction, ethertype, protocol, ports and remote with their defaults', async () => {
      const collecting = collectRule(target, group([]));
      await acceptStep(1, /Custom rule…/);
      for (let step = 2; step <= 6; step++) await acceptStep(step);   // Ingress, IPv4, tcp, ports: all, remote: 0.0.0.0/0
      assert.deepEqual((await collecting).rule, { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRangeMin: undefined, portRangeMax: undefined, remoteIpPrefix: '0.0.0.0/0' });
    });

    it('Import key pair from a given file: only the name is asked, defaulting to the file name', async () => {
      const keyFile = path.join(dir, `${tag}_given`);
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'given@test', '-f', keyFile]);
      const collecting = collectKeypairImport(target, `${keyFile}.pub`);
      await acceptStep(1);
      const spec = await collecting;
      assert.equal(spy.prompts.length, 1);
      assert.equal(spec.name, `${tag}_given`);
      assert.equal(spec.publicKey.comment, 'given@test');
    });
  });

  describe('multi-step additions', () => {
    it('keeps a quick pick open with the reason when a choice is refused, and returns checked items', async () => {
      const items = [{ label: 'm1.tiny' }, { label: 'm1.huge' }];
      const refused: string[] = [];
      let many: string[] = [];
      const done = MultiStepInput.run('Test', () => 2, async (input) => {
        const picked = await input.quickPick({
          placeholder: 'Flavor', items, active: items[1],
          refuse: (i) => (i.label === 'm1.huge' ? (refused.push(i.label), 'm1.huge does not fit') : undefined),
        });
        assert.equal(picked.label, 'm1.tiny');
        return async (next) => {
          many = (await next.quickPickMany({ placeholder: 'Groups', items, selected: [items[0]] })).map((i) => i.label);
          return undefined;
        };
      });
      await sleep(500);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');   // m1.huge: refused, still open
      await sleep(300);
      assert.deepEqual(refused, ['m1.huge']);
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectPrevious');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await sleep(500);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      assert.deepEqual(many, ['m1.tiny']);
    });
  });
});
