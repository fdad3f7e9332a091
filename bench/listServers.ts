// Bundled by bench.mjs and run as a fresh process.
//   node listServers.js CLOUD servers|networks          one cold listing: read clouds.yaml, authenticate, list
//                                                        everything; prints {"ms","count","requests"}
//   node listServers.js CLOUD servers|networks --serve   authenticates once, then lists on each stdin line "list"
//                                                        (the token stays cached; prints also the requests' own
//                                                        ms); "token" prints the token for curl
import * as os from 'node:os';
import { OpenStackClient } from '../src/openstack/client';
import { clientOptionsFor } from '../src/openstack/clientOptions';
import { loadCloudConfig } from '../src/openstack/config';

async function main(): Promise<void> {
  const t0 = performance.now();
  const [cloudName, what] = process.argv.slice(2);
  const { clouds } = await loadCloudConfig({ env: process.env, cwd: process.cwd(), homeDir: os.homedir(), platform: process.platform });
  const cloud = clouds.get(cloudName);
  if (!cloud) throw new Error(`no cloud ${cloudName}`);
  let requests = 0;
  let exchangeMs = 0;   // the requests' own time (sent → body read): the rest of a listing is the client's
  const client = OpenStackClient.create(clientOptionsFor(cloud, { onExchange: (e) => { requests++; exchangeMs += e.ms; } }));
  const list = () => (what === 'networks' ? client.network.networks().toArray() : client.compute.servers().toArray());
  if (!process.argv.includes('--serve')) {
    const items = await list();
    const ms = performance.now() - t0;
    await client.close();
    process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), count: items.length, requests })}\n`);
    return;
  }
  await list();   // warms the token, the catalog and nova's version document
  for await (const line of readLines(process.stdin)) {
    if (line === 'token') {
      process.stdout.write(`${JSON.stringify({ token: await client.session.token(), endpoint: await client.session.endpoint(what === 'networks' ? 'network' : 'compute') })}\n`);
    } else if (line === 'list') {
      requests = 0;
      exchangeMs = 0;
      const start = performance.now();
      const items = await list();
      process.stdout.write(`${JSON.stringify({ ms: Math.round((performance.now() - start) * 10) / 10, count: items.length, requests, exchangeMs })}\n`);
    }
  }
  await client.close();
}

async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of stream) {
    buffer += String(chunk);
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      yield buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
