// `npm start`: the extension in a real VS Code (code-server on 127.0.0.1) against the dev cloud.
// Brings the dev cloud up with its seed if needed, installs code-server once, builds, starts it with
// OS_CLIENT_CONFIG_FILE/OS_CLOUD pointing at the dev cloud, and prints the URL to open. Ctrl+C stops it.
// LOCALE=zh-cn npm start: VS Code's display language is Chinese (the extension's strings; see codeserver/start.sh).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, build, ensureInstalled, startCodeServer } from './codeserver/server.mjs';
import { workbenchUrl } from '../test/e2e/lib.mjs';

const up = spawnSync('bash', [join(ROOT, 'test', 'devcloud', 'devcloud.sh'), 'up', '--seed'], { stdio: 'inherit' });
if (up.status !== 0) process.exit(up.status ?? 1);
const devcloudState = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
ensureInstalled();
build();
const server = await startCodeServer({
  port: Number(process.env.PORT ?? 8080),
  workspace: ROOT,
  locale: process.env.LOCALE,
  env: { OS_CLIENT_CONFIG_FILE: join(devcloudState, 'clouds.yaml'), OS_CLOUD: 'devcloud' },
});
console.log(`\nOpenStack Explorer is running in code-server, connected to the dev cloud (cloud "devcloud", user demo).`);
console.log(`Open: ${workbenchUrl(server.url, ROOT, { extensionDevelopmentPath: ROOT })}`);
console.log('Press Ctrl+C to stop code-server (the dev cloud keeps running: npm run devcloud -- down).');
setInterval(() => {}, 1 << 30);
