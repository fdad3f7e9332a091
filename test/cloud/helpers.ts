// Clients for the dev cloud's two users, built from its clouds.yaml, with every HTTP exchange recorded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { AuthSpec } from '../../src/openstack/auth';
import { OpenStackClient, type ClientOptions } from '../../src/openstack/client';
import { OpenStackError } from '../../src/openstack/errors';
import type { Exchange } from '../../src/openstack/http';
import { cloudsYaml, openstack, type Cloud } from '../support/devcloud';

export const REGION = 'RegionOne';

/** Unique per run, so that runs never see each other's resources. */
export const runTag = `ose-${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

interface CloudEntry {
  auth_type?: string;
  auth: Omit<AuthSpec, 'authType'>;
  region_name?: string;
}

export function authSpec(cloud: Cloud, overrides: Partial<AuthSpec> = {}): AuthSpec {
  const { clouds } = parse(readFileSync(cloudsYaml, 'utf8')) as { clouds: Record<string, CloudEntry> };
  const entry = clouds[cloud];
  return { authType: entry.auth_type ?? 'password', ...entry.auth, ...overrides };
}

export interface Connected {
  client: OpenStackClient;
  log: Exchange[];
  /** Token requests so far. */
  tokenPosts(): number;
  close(): Promise<void>;
}

export function connect(cloud: Cloud, opts: Partial<ClientOptions> = {}): Connected {
  const log: Exchange[] = [];
  const client = OpenStackClient.create({
    cloud, auth: authSpec(cloud), region: REGION,
    transport: { verify: true, env: {}, connectTimeoutMs: 5000, headersTimeoutMs: 120_000, bodyTimeoutMs: 120_000 },
    onExchange: (e) => log.push(e),
    ...opts,
  });
  return {
    client, log, close: () => client.close(),
    tokenPosts: () => log.filter((e) => e.method === 'POST' && e.url.endsWith('/auth/tokens')).length,
  };
}

export async function rejection(promise: Promise<unknown>): Promise<OpenStackError> {
  const error = await promise.then(() => assert.fail('expected a rejection'), (err: unknown) => err);
  assert.ok(error instanceof OpenStackError, `not an OpenStackError: ${String(error)}`);
  return error;
}

/** Runs the undo steps last-in first-out; what is already gone (404) is fine. */
export async function undoAll(steps: (() => Promise<unknown>)[]): Promise<void> {
  for (const undo of steps.splice(0).reverse()) {
    await undo().catch((err: unknown) => {
      if (!(err instanceof OpenStackError && err.status === 404)) console.error('cleanup:', err);
    });
  }
}

/** Polls FN until it returns a truthy value. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 90_000, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// The dev cloud's fake compute host (devcloud_virt.py) has a zone of its own when a real one runs beside it.
const FAKE_ZONE = 'devcloud-fake';

/**
 * A server on the dev cloud's fake compute host, whose console log is the file the tests write and whose serial
 * console is the stand-in guest; ACTIVE, with no network. Deleted by the returned undo.
 */
export async function fakeHostServer(client: OpenStackClient, name: string): Promise<{ id: string; undo: () => Promise<unknown> }> {
  const [images, flavors, zones] = await Promise.all([
    client.image.images().toArray(), client.compute.flavors().toArray(),
    openstack<{ 'Zone Name': string }[]>('devcloud', ['availability', 'zone', 'list', '--compute', '-f', 'json']),
  ]);
  const image = images.find((i) => i.status === 'active');
  const flavor = [...flavors].sort((a, b) => a.ram - b.ram)[0];
  assert.ok(image && flavor, 'the dev cloud has no active image or no flavor: run `npm run devcloud -- up --seed`');
  const availabilityZone = zones.some((z) => z['Zone Name'] === FAKE_ZONE) ? FAKE_ZONE : undefined;
  const { id } = await client.compute.createServer({ name, imageRef: image.id, flavorRef: flavor.id, networks: 'none', availabilityZone });
  const undo = () => client.compute.deleteServer(id);
  await until(`server ${name} ACTIVE`, async () => {
    const server = await client.compute.server(id);
    assert.notEqual(server.status, 'ERROR', server.fault?.message);
    return server.status === 'ACTIVE';
  }).catch(async (err: unknown) => { await undo().catch(() => undefined); throw err; });
  return { id, undo };
}

/**
 * A fresh project where demo (MEMBER) has the member role, and MEMBER's client scoped to it. UNDO gets its
 * deletion, its security groups first: Neutron keeps them after Keystone deletes the project (what is left over
 * anyway, `devcloud.sh up` purges).
 */
export async function memberProject(admin: Connected, member: Connected, name: string, undo: (() => Promise<unknown>)[]): Promise<OpenStackClient> {
  const json = async <T>(path: string, method: 'GET' | 'POST' | 'PUT' = 'GET', body?: unknown) =>
    (await admin.client.session.request('identity', path, { method, json: body })).json<T>();
  const [{ project }, { roles }, { users }] = await Promise.all([
    json<{ project: { id: string } }>('/projects', 'POST', { project: { name, domain_id: 'default' } }),
    json<{ roles: { id: string }[] }>('/roles?name=member'),
    json<{ users: { id: string }[] }>('/users?name=demo'),
  ]);
  undo.push(async () => {
    for (const g of await admin.client.network.securityGroups({ projectId: project.id }).toArray()) await admin.client.network.deleteSecurityGroup(g.id);
    await admin.client.session.request('identity', `/projects/${project.id}`, { method: 'DELETE' });
  });
  await json(`/projects/${project.id}/users/${users[0].id}/roles/${roles[0].id}`, 'PUT');
  return member.client.rescope(project.id);
}
