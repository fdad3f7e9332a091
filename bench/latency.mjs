// A cloud some distance away, on this machine: region `RegionFar` of the dev cloud's catalog, whose compute, network,
// image, placement and identity endpoints are reverse proxies that hold each request DELAY ms before passing it
// on to the real service (127.0.0.1 only). Without it every call here takes a few ms on the wire, and requests
// sent one after the other cost about what requests sent together do, since the services share 2 cores; with it,
// each request pays a round trip, as against a real cloud.
//   const far = await farRegion(50);  …  far.close();
import { createServer, request } from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const FAR_REGION = 'RegionFar';
/** service type → [the real port and path, the proxy's port]. */
const SERVICES = {
  compute: ['8774', '/v2.1', 28774],
  network: ['9696', '', 29696],
  image: ['9292', '', 29292],
  placement: ['8778', '/placement', 28778],
  identity: ['5000', '/v3', 25000],
};

/**
 * Starts the proxies and adds their endpoints to the catalog; close() stops them and takes the region out again.
 * Clouds that name their region (every test's) never use it; an interrupted bench leaves it until the next one's
 * close().
 */
export async function farRegion(delayMs, env) {
  const os = async (...args) => (await run('openstack', ['--os-cloud', 'devcloud-admin', ...args], { env })).stdout.trim();
  const servers = Object.values(SERVICES).map(([target, , port]) => proxy(Number(target), port, delayMs));
  await Promise.all(servers.map((s) => new Promise((resolve) => s.once('listening', resolve))));
  await os('region', 'create', FAR_REGION).catch(() => undefined);   // there already
  const have = await os('endpoint', 'list', '--region', FAR_REGION, '-f', 'value', '-c', 'Service Type');
  for (const [type, [, path, port]] of Object.entries(SERVICES)) {
    if (!have.split('\n').includes(type)) await os('endpoint', 'create', '--region', FAR_REGION, type, 'public', `http://127.0.0.1:${port}${path}`);
  }
  const close = async () => {
    for (const id of (await os('endpoint', 'list', '--region', FAR_REGION, '-f', 'value', '-c', 'ID')).split('\n').filter(Boolean)) await os('endpoint', 'delete', id);
    await os('region', 'delete', FAR_REGION);
    await Promise.all(servers.map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
  };
  return { close };
}

/** Passes each request on to 127.0.0.1:TARGET after DELAYMS, and its answer back (half the delay each way). */
function proxy(target, port, delayMs) {
  const server = createServer((req, res) => {
    setTimeout(() => {
      const out = request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, delayMs / 2);
      });
      out.on('error', () => { res.writeHead(502); res.end(); });
      req.pipe(out);
    }, delayMs / 2);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1');
  return server;
}
