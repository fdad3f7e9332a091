// The classroom exercise with the openstack CLI, as `demo`, against the dev cloud:
// proves the dev cloud does what the extension relies on, then deletes everything.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureDevcloud, openstack, until } from '../support/devcloud';

const tag = `scn${process.pid}`;
const net = `${tag}-int`;
const subnet = `${tag}-int-subnet`;
const router = `${tag}-router`;
const servers = [`${tag}-vm1`, `${tag}-vm2`];
const demo = (...args: string[]) => openstack('devcloud', args);
const demoJson = <T>(...args: string[]) => openstack<T>('devcloud', [...args, '-f', 'json']);

interface Server { id: string; status: string; addresses: Record<string, string[]> | string }
interface FloatingIp { id: string; floating_ip_address: string }
let fip: FloatingIp | undefined;

before(ensureDevcloud);

test('demo builds a tenant network behind a router on ext', async () => {
  await demo('network', 'create', net);
  const shown = await openstack<Record<string, unknown>>('devcloud-admin', ['network', 'show', net, '-f', 'json']);
  assert.equal(shown['provider:network_type'], 'vxlan');
  await demo('subnet', 'create', subnet, '--network', net, '--subnet-range', '192.168.77.0/24');
  await demo('router', 'create', router);
  await demo('router', 'set', router, '--external-gateway', 'ext');
  await demo('router', 'add', 'subnet', router, subnet);
  const r = await demoJson<{ external_gateway_info: { network_id: string }; interfaces_info: { subnet_id: string }[] }>('router', 'show', router);
  const ext = await demoJson<{ id: string }>('network', 'show', 'ext');
  assert.equal(r.external_gateway_info.network_id, ext.id);
  assert.equal(r.interfaces_info.length, 1);
});

test('demo boots two servers to ACTIVE', async () => {
  const booted = await Promise.all(servers.map((name) =>
    demoJson<Server>('server', 'create', '--flavor', 'm1.tiny', '--image', 'cirros', '--network', net, '--wait', name)));
  for (const s of booted) assert.equal(s.status, 'ACTIVE');
});

test('demo allocates a floating IP on ext and the server shows it', async () => {
  fip = await demoJson<FloatingIp>('floating', 'ip', 'create', 'ext');
  assert.match(fip.floating_ip_address, /^203\.0\.113\./);
  await demo('server', 'add', 'floating', 'ip', servers[0], fip.floating_ip_address);
  // neutron tells nova through a batched network-changed event, about a second later
  await until('the floating IP in the server addresses', async () =>
    JSON.stringify((await demoJson<Server>('server', 'show', servers[0])).addresses).includes(fip!.floating_ip_address), 60_000);
});

test('demo reads the console log and the noVNC and serial console URLs', async () => {
  const log = await demo('console', 'log', 'show', servers[0]) as string;
  assert.match(log, /login: $/m);
  const vnc = await demoJson<{ url: string }>('console', 'url', 'show', '--novnc', servers[0]);
  assert.match(vnc.url, /^http:\/\/127\.0\.0\.1:6080\/vnc_auto\.html\?path=%3Ftoken%3D/);
  const serial = await demoJson<{ url: string }>('console', 'url', 'show', '--serial', servers[0]);
  assert.match(serial.url, /^ws:\/\/127\.0\.0\.1:6083\/\?token=/);
});

test('demo deletes all of it', async () => {
  await demo('server', 'remove', 'floating', 'ip', servers[0], fip!.floating_ip_address);
  await demo('floating', 'ip', 'delete', fip!.id);
  await demo('server', 'delete', '--wait', ...servers);
  await demo('router', 'remove', 'subnet', router, subnet);
  await demo('router', 'unset', '--external-gateway', router);
  await demo('router', 'delete', router);
  await demo('subnet', 'delete', subnet);
  await demo('network', 'delete', net);
  const left = await demoJson<{ Name: string }[]>('server', 'list');
  assert.deepEqual(left.filter((s) => s.Name.startsWith(tag)), []);
  assert.deepEqual((await demoJson<{ Name: string }[]>('network', 'list')).filter((n) => n.Name.startsWith(tag)), []);
  assert.deepEqual((await demoJson<{ Name: string }[]>('router', 'list')).filter((n) => n.Name.startsWith(tag)), []);
});

// A failed run must not leave resources that the next run trips over.
after(async () => {
  const quiet = (...args: string[]) => demo(...args).catch(() => undefined);
  if (fip) await quiet('floating', 'ip', 'delete', fip.id);
  await quiet('server', 'delete', '--wait', ...servers);
  await quiet('router', 'remove', 'subnet', router, subnet);
  await quiet('router', 'delete', router);
  await quiet('network', 'delete', net);
});
