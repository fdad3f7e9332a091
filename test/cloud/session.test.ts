// Keystone against the dev cloud: one token per lifetime, shared by concurrent callers; errors that say what to
// fix; projects and rescoping; application credentials; catalog lookups and endpoint overrides.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuthSpec } from '../../src/openstack/auth';
import { ensureDevcloud } from '../support/devcloud';
import type { OpenStackClient } from '../../src/openstack/client';
import { REGION, authSpec, connect, rejection, runTag, type Connected } from './helpers';

const opened: Connected[] = [];
function open(...args: Parameters<typeof connect>): Connected {
  const connected = connect(...args);
  opened.push(connected);
  return connected;
}

before(ensureDevcloud);
after(() => Promise.all(opened.map((c) => c.close())));

describe('tokens', { concurrency: true }, () => {
  it('shares one exchange between identical reads in flight at once, and none between different ones', async () => {
    const { client, log } = open('devcloud');
    await client.session.token();
    const start = log.length;
    // the Floating IPs category's first page and the Instances' join of it, asked together as the tree does
    const [a, b, c] = await Promise.all([
      client.network.floatingIps({ limit: 20, byName: true }).firstPage(),
      client.network.floatingIps({ limit: 20, byName: true }).firstPage(),
      client.network.floatingIps({ limit: 21, byName: true }).firstPage(),
    ]);
    assert.deepEqual(a.items.map((f) => f.id), b.items.map((f) => f.id));
    assert.deepEqual(c.items.map((f) => f.id), a.items.map((f) => f.id));
    assert.deepEqual(log.slice(start).map((e) => new URL(e.url).search).sort(), ['?limit=20&sort_key=floating_ip_address&sort_dir=asc', '?limit=21&sort_key=floating_ip_address&sort_dir=asc']);
    // once answered, the same read is sent again (a share, not a cache)
    await client.network.floatingIps({ limit: 20, byName: true }).firstPage();
    assert.equal(log.length - start, 3);
  });

  it('issues one token for many calls, and costs one request per listing once warm', async () => {
    const { client, log, tokenPosts } = open('devcloud');
    await client.compute.servers().firstPage();
    // Cold: the token, nova's version document, the listing.
    assert.deepEqual(log.map((e) => `${e.method} ${new URL(e.url).pathname}`), ['POST /v3/auth/tokens', 'GET /v2.1/', 'GET /v2.1/servers/detail']);
    await client.compute.servers().firstPage();
    assert.equal(log.length, 4);
    await client.network.networks().firstPage();
    assert.equal(log.length, 5);
    await client.image.images().firstPage();
    await client.session.projects();
    assert.equal(tokenPosts(), 1);

    const fresh = open('devcloud');
    await fresh.client.network.networks().firstPage();
    assert.deepEqual(fresh.log.map((e) => `${e.method} ${new URL(e.url).pathname}`), ['POST /v3/auth/tokens', 'GET /v2.0/networks']);
    await fresh.client.network.networks().firstPage();
    assert.equal(fresh.log.length, 3);
  });

  it('shares one token request among 10 concurrent calls', async () => {
    const { client, log, tokenPosts } = open('devcloud');
    // 10 different reads (identical ones would share one exchange)
    const pages = await Promise.all(Array.from({ length: 10 }, (_, i) => client.network.networks({ limit: 100 + i }).firstPage()));
    assert.equal(tokenPosts(), 1);
    assert.equal(log.length, 11);
    assert.ok(pages.every((page) => page.items.some((n) => n.name === 'ext')));
  });

  it('lets one caller stop waiting for the shared token without cancelling it for the others', async () => {
    const { client, tokenPosts } = open('devcloud');
    const controller = new AbortController();
    const abandoned = client.session.token(controller.signal);
    const kept = client.network.networks().toArray();
    controller.abort();
    assert.equal((await rejection(abandoned)).kind, 'aborted');
    assert.ok((await kept).length > 0);
    assert.equal(tokenPosts(), 1);
  });

  it("reports a wrong password with Keystone's message and what to check", async () => {
    const { client } = open('devcloud', { auth: authSpec('devcloud', { password: 'not-the-password' }) });
    const error = await rejection(client.network.networks().firstPage());
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.equal(error.serviceMessage, 'The request you have made requires authentication.');
    assert.match(error.message, /^Keystone: The request you have made requires authentication\. Check the username, password and user domain of cloud devcloud, and that the user has a role in project demo\. \(HTTP 401, POST http:\/\/127\.0\.0\.1:5000\/v3\/auth\/tokens/);
    assert.doesNotMatch(error.message, /not-the-password/);
  });

  it('accepts auth_url without a version or with a trailing slash', async () => {
    for (const auth_url of ['http://127.0.0.1:5000', 'http://127.0.0.1:5000/v3/']) {
      const { client, log } = open('devcloud', { auth: authSpec('devcloud', { auth_url }) });
      await client.session.token();
      assert.equal(log[0].url, 'http://127.0.0.1:5000/v3/auth/tokens');
      assert.equal(client.session.projectId?.length, 32);
    }
  });

  it('exposes the user, project and roles of the token', async () => {
    const demo = open('devcloud').client.session;
    const admin = open('devcloud-admin').client.session;
    await Promise.all([demo.token(), admin.token()]);
    assert.ok(demo.roles.includes('member'));
    assert.equal(demo.isAdmin, false);
    assert.equal(admin.isAdmin, true);
    assert.notEqual(demo.userId, admin.userId);
    assert.notEqual(demo.projectId, admin.projectId);
  });

  it("scopes a token request without a project to the user's default project, as Keystone does", async () => {
    const { client } = open('devcloud', { auth: authSpec('devcloud', { project_name: undefined, project_domain_name: undefined }) });
    await client.session.token();
    // the user's own record, not the first of its projects: other suites give demo roles in projects of theirs
    const res = await client.session.request('identity', `/users/${client.session.userId}`);
    const { user } = await res.json<{ user: { default_project_id?: string } }>();
    assert.ok(user.default_project_id, 'the dev cloud gives demo a default project');
    assert.equal(client.session.projectId, user.default_project_id);
  });
});

describe('projects and application credentials', () => {
  const admin = open('devcloud-admin').client;
  const demo = open('devcloud').client;
  let projectId = '';
  let loneUserId = '';
  let credential: { id: string; name: string; secret: string } | undefined;

  before(async () => {
    const json = async <T>(path: string, method: 'GET' | 'POST' | 'PUT' = 'GET', body?: unknown) =>
      (await admin.session.request('identity', path, { method, json: body })).json<T>();
    const [{ project }, { roles }, { users }, { user }] = await Promise.all([
      json<{ project: { id: string } }>('/projects', 'POST', { project: { name: `${runTag}-proj`, domain_id: 'default' } }),
      json<{ roles: { id: string }[] }>('/roles?name=member'),
      json<{ users: { id: string }[] }>('/users?name=demo'),
      json<{ user: { id: string } }>('/users', 'POST', { user: { name: `${runTag}-lone`, password: 'lone', domain_id: 'default' } }),
    ]);
    projectId = project.id;
    loneUserId = user.id;
    await json(`/projects/${project.id}/users/${users[0].id}/roles/${roles[0].id}`, 'PUT');
  });

  after(async () => {
    if (projectId) await admin.session.request('identity', `/projects/${projectId}`, { method: 'DELETE' });
    if (loneUserId) await admin.session.request('identity', `/users/${loneUserId}`, { method: 'DELETE' });
    if (credential) await demo.session.request('identity', `/users/${demo.session.userId}/application_credentials/${credential.id}`, { method: 'DELETE' });
  });

  it('lists the projects of the user and rescopes to another with the current token', async () => {
    const { client, log } = open('devcloud');
    const projects = await client.session.projects();
    // other suites may give demo roles in projects of their own meanwhile: look for ours, not for an exact list
    const names = projects.map((p) => p.name);
    assert.ok(names.includes('demo') && names.includes(`${runTag}-proj`), names.join(', '));
    const home = client.session.projectId;
    const other = await client.rescope(projectId);
    assert.equal(other.session.projectId, projectId);
    assert.equal(other.session.userId, client.session.userId);
    assert.ok(other.session.roles.includes('member'));
    assert.equal(client.session.projectId, home);
    // Both sessions share the dispatcher and the exchange log: two token requests in all, the second one a trade.
    const networks = await other.network.networks().toArray();
    assert.ok(networks.some((n) => n.name === 'ext'));
    assert.equal(log.filter((e) => e.url.endsWith('/auth/tokens')).length, 2);
  });

  it('gets an unscoped token for a user without projects, and says why it reaches no service', async () => {
    const auth: AuthSpec = { authType: 'password', auth_url: 'http://127.0.0.1:5000/v3', username: `${runTag}-lone`, password: 'lone', user_domain_name: 'Default' };
    const { client } = open('devcloud', { auth });
    assert.deepEqual(await client.session.projects(), []);
    assert.equal(client.session.projectId, undefined);
    const error = await rejection(client.network.networks().firstPage());
    assert.equal(error.kind, 'config');
    assert.match(error.message, /not scoped to a project.*set project_name or project_id/);
  });

  it('refuses to rescope into a project without a role there', async () => {
    const { client } = open('devcloud');
    const error = await rejection(client.rescope(admin.session.projectId ?? ''));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Check that the user has a role in project [0-9a-f]{32}\./);
  });

  it('authenticates with an application credential by id, or by name with the user, and will not rescope it', async () => {
    const res = await demo.session.request('identity', `/users/${await demo.session.token().then(() => demo.session.userId)}/application_credentials`, {
      method: 'POST', json: { application_credential: { name: `${runTag}-ac` } },
    });
    credential = (await res.json<{ application_credential: { id: string; name: string; secret: string } }>()).application_credential;
    const common: AuthSpec = { authType: 'v3applicationcredential', auth_url: 'http://127.0.0.1:5000/v3', application_credential_secret: credential.secret };
    const byId = open('devcloud', { auth: { ...common, application_credential_id: credential.id } }).client;
    const byName = open('devcloud', {
      auth: { ...common, application_credential_name: credential.name, username: 'demo', user_domain_name: 'Default' },
    }).client;
    const [viaId, viaName] = await Promise.all([byId.network.networks().toArray(), byName.network.networks().toArray()]);
    assert.deepEqual(viaId.map((n) => n.id), viaName.map((n) => n.id));
    assert.equal(byId.session.projectId, demo.session.projectId);
    assert.equal((await rejection(byId.rescope(projectId))).kind, 'config');
  });
});

describe('catalog', { concurrency: true }, () => {
  it('finds each service by type, at its versioned root', async () => {
    const { session } = open('devcloud').client;
    const roots = await Promise.all(['compute', 'network', 'image', 'identity', 'placement', 'volumev3'].map((t) => session.endpoint(t)));
    assert.deepEqual(roots, [
      'http://127.0.0.1:8774/v2.1', 'http://127.0.0.1:9696/v2.0', 'http://127.0.0.1:9292/v2', 'http://127.0.0.1:5000/v3', 'http://127.0.0.1:8778',
      `http://127.0.0.1:8776/v3/${session.projectId}`,
    ]);
    assert.equal(await session.hasService('network'), true);
    // Cinder is registered as block-storage and as its alias volumev3
    assert.equal(await session.hasService('block-storage'), true);
    assert.equal(await session.hasService('volumev3'), true);
    assert.equal(await session.hasService('dns'), false);
  });

  it('names what the catalog has when a service, interface or region is missing', async () => {
    const { session } = open('devcloud').client;
    const catalog = await keystoneCatalog(session);
    const missing = await rejection(session.endpoint('dns'));
    assert.equal(missing.kind, 'config');
    assert.match(missing.message, /^The catalog of cloud devcloud has no 'dns' endpoint for interface public in region RegionOne; available: /);
    const publicHere = catalog.filter((s) => s.endpoints.some((e) => e.interface === 'public' && e.region_id === REGION));
    assert.deepEqual(availableIn(missing.message), new Map(publicHere.map((s) => [s.type, new Set()])));

    const elsewhere = open('devcloud', { region: 'RegionTwo' }).client.session;
    const nowhere = await rejection(elsewhere.endpoint('network'));
    assert.match(nowhere.message, /^The catalog of cloud devcloud has no 'network' endpoint for interface public in region RegionTwo; available: /);
    const everything = catalog.map((s) => [s.type, new Set(s.endpoints.map((e) => `${e.interface} in ${e.region_id}`))] as const);
    assert.deepEqual(availableIn(nowhere.message), new Map(everything));
  });

  it('uses the interface asked for', async () => {
    const internal = open('devcloud', { interface: 'internal' }).client;
    assert.equal(await internal.session.endpoint('compute'), 'http://127.0.0.1:8774/v2.1');
    assert.ok((await internal.compute.flavors().toArray()).some((f) => f.name === 'm1.tiny'));
  });

  it('sends requests to an endpoint override instead of the catalog URL', async () => {
    const { client, log } = open('devcloud', { endpointOverrides: { network: 'http://localhost:9696/' } });
    await client.network.networks().firstPage();
    assert.equal(log[1].url, 'http://localhost:9696/v2.0/networks');
  });
});

interface CatalogService { type: string; endpoints: { interface: string; region_id: string }[] }

/** The catalog as Keystone has it for this token, to compare the error's list with (in any order). */
async function keystoneCatalog(session: OpenStackClient['session']): Promise<CatalogService[]> {
  const res = await session.request('identity', '/auth/catalog');
  return (await res.json<{ catalog: CatalogService[] }>()).catalog;
}

/** "available: a (public in R1, admin in R1), b" → a → {public in R1, admin in R1}, b → {}; Keystone's order varies. */
function availableIn(message: string): Map<string, Set<string>> {
  const list = /; available: (.*)\.$/.exec(message)?.[1];
  assert.ok(list, `no list of what is available in: ${message}`);
  const services = new Map<string, Set<string>>();
  for (const [, type, endpoints] of list.matchAll(/([\w-]+)(?: \(([^)]*)\))?(?:, |$)/g)) {
    assert.ok(!services.has(type), `${type} named twice in: ${message}`);
    services.set(type, new Set(endpoints ? endpoints.split(', ') : []));
  }
  return services;
}
