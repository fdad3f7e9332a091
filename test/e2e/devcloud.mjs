// The dev cloud from the UI tests' side: the openstack CLI with argument arrays, and the devcloud script.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/codeserver/server.mjs';

const run = promisify(execFile);
export const DEVCLOUD_STATE = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
export const DEVCLOUD_CLOUDS_YAML = join(DEVCLOUD_STATE, 'clouds.yaml');

/** `openstack --os-cloud CLOUD ...ARGS`; JSON when ARGS asks for it. */
export async function openstack(cloud, ...args) {
  const { stdout } = await run('openstack', ['--os-cloud', cloud, ...args], {
    env: { ...process.env, OS_CLIENT_CONFIG_FILE: DEVCLOUD_CLOUDS_YAML, PATH: `/usr/bin:/bin:${process.env.PATH}` },
    maxBuffer: 16 << 20,
  });
  return args.includes('json') ? JSON.parse(stdout) : stdout;
}

/** `npm run devcloud -- ARGS` without npm: up, stop SERVICE, … */
export function devcloud(...args) {
  return run('bash', [join(ROOT, 'test', 'devcloud', 'devcloud.sh'), ...args], { maxBuffer: 16 << 20 });
}

const EXT_BRIDGE = 'br-ext';
/** Throws unless ADDRESS (IPv4) is routed into the dev cloud's br-ext: the only outside a test may probe. */
export async function assertRoutedToBrExt(address) {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) throw new Error(`refusing to probe ${JSON.stringify(address)}: not an IPv4 address`);
  const { stdout } = await run('ip', ['-o', 'route', 'get', address]);
  if (!new RegExp(`\\bdev ${EXT_BRIDGE}\\b`).test(stdout)) {
    throw new Error(`refusing to probe ${address}: \`ip route get\` says "${stdout.trim()}", not ${EXT_BRIDGE}`);
  }
}
