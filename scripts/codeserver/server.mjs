// Node helpers for the test runners: install (fast no-op when present), start and stop code-server through
// install.sh / start.sh / stop.sh, so the shell scripts stay the single source of how it is run.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPTS = join(ROOT, 'scripts', 'codeserver');

/** Runs install.sh (apt packages + code-server from npm); throws when it fails. */
export function ensureInstalled() {
  const r = spawnSync('bash', [join(SCRIPTS, 'install.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/codeserver/install.sh exited with ${r.status}`);
}

/** Runs scripts/build.mjs (development build into dist/); throws when it fails. */
export function build() {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`scripts/build.mjs exited with ${r.status}`);
}

/**
 * Starts code-server with fresh state. `env` is added to this process's environment and inherited by the
 * extension host (e.g. { OS_CLOUD, OS_CLIENT_CONFIG_FILE }). Resolves to { url, pid, runDir, workspace, stop() }.
 * LOCALE: VS Code's display language (e.g. 'zh-cn'; see start.sh). The server is also stopped when this process
 * exits or is interrupted.
 */
export async function startCodeServer({ env = {}, port, workspace, installVsix, locale } = {}) {
  const childEnv = { ...process.env, ...env };
  if (port) childEnv.CS_PORT = String(port);
  if (workspace) childEnv.CS_WORKSPACE = workspace;
  if (installVsix) childEnv.CS_INSTALL_VSIX = installVsix;
  if (locale) childEnv.CS_LOCALE = locale;
  const child = spawn('bash', [join(SCRIPTS, 'start.sh')], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', d => { out += d; });
  const code = await new Promise(resolve => child.on('close', resolve));
  if (code !== 0) throw new Error(`scripts/codeserver/start.sh exited with ${code}`);
  const vars = Object.fromEntries(out.trim().split('\n').map(l => l.split(/=(.*)/s).slice(0, 2)));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    spawnSync('bash', [join(SCRIPTS, 'stop.sh'), vars.CS_RUN_DIR], { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  process.once('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { stop(); process.exit(130); });
  return { url: vars.CS_URL, pid: Number(vars.CS_PID), runDir: vars.CS_RUN_DIR, workspace: vars.CS_WORKSPACE, stop };
}
