// Probes of the dev cloud's data plane from the host, under this machine's network rule:
// traffic only to addresses on br-ext (the outside and the floating IPs behind it), checked
// with `ip route get` before anything is sent; every loop is bounded.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import WebSocket from 'ws';

const run = promisify(execFile);
export const EXT_BRIDGE = 'br-ext';
export const OUTSIDE_IP = '172.24.4.1';
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** busybox ash's prompt, then its cursor-position query (ESC [6n; \W stands for the ESC) */
export const PROMPT = /# (\W\[6n)?$/;

/** Throws unless ADDRESS is routed into br-ext (or held by it): nothing else may be probed. */
export async function assertOnDevcloudBridge(address: string): Promise<void> {
  if (!IPV4.test(address)) throw new Error(`refusing to probe ${JSON.stringify(address)}: not an IPv4 address`);
  const { stdout } = await run('ip', ['-o', 'route', 'get', address]);
  const local = (await run('ip', ['-o', '-4', 'addr', 'show', 'dev', EXT_BRIDGE])).stdout.includes(` ${address}/`);
  if (!local && !new RegExp(`\\bdev ${EXT_BRIDGE}\\b`).test(stdout)) {
    throw new Error(`refusing to probe ${address}: \`ip route get\` says "${stdout.trim()}", not ${EXT_BRIDGE}`);
  }
}

/** One ping with a 1 s deadline; true when it was answered. */
export async function pingOnce(address: string): Promise<boolean> {
  await assertOnDevcloudBridge(address);
  return run('ping', ['-n', '-c', '1', '-W', '1', address]).then(() => true, () => false);
}

/** Pings up to TRIES times (about a second each) until one is answered. The agents work
 * through changes one port at a time, so on a busy dev cloud that can take a minute or two. */
export async function pingAnswers(address: string, tries = 150): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await pingOnce(address)) return true;
  }
  return false;
}

/** Pings about once a second, up to TRIES times, until COUNT in a row go unanswered (while the agents
 * apply a change, one ping may drop and the next still answer). An answered ping returns at once, so
 * the pause keeps the bound in time, not only in count: the agents may need a minute under load. */
export async function pingStops(address: string, tries = 150, count = 3): Promise<boolean> {
  let unanswered = 0;
  for (let i = 0; i < tries && unanswered < count; i++) {
    const answered = await pingOnce(address);
    unanswered = answered ? 0 : unanswered + 1;
    if (answered) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return unanswered >= count;
}

/** `ssh -i KEY root@ADDRESS COMMAND`, retried (bounded) while the guest's sshd comes up. */
export async function sshRun(address: string, key: string, command: string, tries = 12): Promise<string> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    await assertOnDevcloudBridge(address);
    try {
      const { stdout } = await run('ssh', ['-i', key, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no',
        '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=5', `root@${address}`, command],
      { timeout: 30_000 });
      return stdout;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
  throw new Error(`ssh root@${address} failed ${tries} times: ${String(last)}`);
}

/** A shell on a guest's serial console through nova-serialproxy's websocket. */
export class SerialShell {
  private screen = '';
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => { this.screen += data.toString('utf8'); });
  }

  static async open(url: string): Promise<SerialShell> {
    const ws = new WebSocket(url, ['binary', 'base64']);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const shell = new SerialShell(ws);
    await shell.run('echo serial-ready', new RegExp(`serial-ready\r?\n[^]*${PROMPT.source}`), 30_000);
    return shell;
  }

  /** Types COMMAND and returns what the console printed until DONE matched (bounded by TIMEOUT ms). */
  async run(command: string, done: RegExp, timeoutMs = 30_000): Promise<string> {
    const start = this.screen.length;
    this.ws.send(Buffer.from(`${command}\r`));
    const deadline = Date.now() + timeoutMs;
    while (!done.test(this.screen.slice(start)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const out = this.screen.slice(start);
    if (!done.test(out)) throw new Error(`serial console: no ${done} after \`${command}\` in ${timeoutMs} ms; got:\n${out}`);
    return out;
  }

  close(): void { this.ws.terminate(); }
}
