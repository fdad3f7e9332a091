// Test access to the project's dev cloud: brings it up (idempotent, ~1 s when running)
// and runs the openstack CLI against it with argument arrays, never a shell string.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as path from 'node:path';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '..', '..');
const devcloudScript = path.join(repo, 'test', 'devcloud', 'devcloud.sh');
export const devcloudState = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
export const cloudsYaml = path.join(devcloudState, 'clouds.yaml');

/** The seeded image: Debian's kernel + busybox, a real guest on the real host (not cirros). */
export const GUEST_IMAGE = 'devcloud-guest';
/** The flavor the guest needs (128 MB): what tests boot real guests with. */
export const GUEST_FLAVOR = 'm1.nano';
/** The zone of the fake compute host: instances there run no guest, so hundreds fit. */
export const FAKE_AZ = 'devcloud-fake';

let upPromise: Promise<void> | undefined;

/** Starts the dev cloud with the seed (ext network, guest image) unless it already runs. */
export function ensureDevcloud(): Promise<void> {
  upPromise ??= run('bash', [devcloudScript, 'up', '--seed'], { maxBuffer: 64 << 20 }).then(() => undefined);
  return upPromise;
}

export type Cloud = 'devcloud' | 'devcloud-admin';

/** Runs `openstack --os-cloud CLOUD ARGS...`; with `-f json` in ARGS the output is parsed. */
export async function openstack<T = unknown>(cloud: Cloud, args: string[]): Promise<T> {
  const { stdout } = await run('openstack', ['--os-cloud', cloud, ...args], {
    env: { ...process.env, OS_CLIENT_CONFIG_FILE: cloudsYaml, PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}` },
    maxBuffer: 64 << 20,
  });
  return (args.includes('json') ? JSON.parse(stdout) : stdout) as T;
}

/** Polls FN every INTERVAL ms until it returns a truthy value or TIMEOUT ms pass. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000, intervalMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
