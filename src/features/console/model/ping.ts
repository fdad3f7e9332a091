// Runs the system `ping` with an argument array (never a shell) and streams its lines. Only a target that passed
// checkTarget() gets here. Stop sends SIGINT first (ping then prints its statistics) and kills it 3 s later.
import * as l10n from '@vscode/l10n';
import { spawn, type ChildProcess } from 'node:child_process';
import type { PingFailure, PingSample, PingSummary } from './protocol';
import { PingParser } from './pingParser';
import type { TargetKind } from './target';

export interface PingCommand {
  command: string;
  args: string[];
}

/** The command line for PLATFORM: Linux iputils `-c N` (plus -O: a line for every unanswered probe), macOS `-c N`, Windows `-n N`. */
export function pingCommand(platform: NodeJS.Platform, target: string, kind: TargetKind, count: number): PingCommand {
  const n = String(count);
  if (platform === 'win32') return { command: 'ping', args: ['-n', n, ...(kind === 'ipv6' ? ['-6'] : kind === 'ipv4' ? ['-4'] : []), target] };
  if (platform === 'darwin') return { command: kind === 'ipv6' ? 'ping6' : 'ping', args: ['-n', '-c', n, '--', target] };
  // -W 2: wait at most 2 s for a late reply after the last probe (iputils lingers 10 s otherwise)
  return { command: 'ping', args: ['-n', '-O', '-W', '2', '-c', n, ...(kind === 'ipv6' ? ['-6'] : []), '--', target] };
}

export interface PingEnd {
  exitCode: number | null;
  summary: PingSummary;
  failure?: { kind: PingFailure; message: string };
}

export interface PingHandlers {
  onLine(line: string, summary: PingSummary, sample?: PingSample): void;
  onEnd(end: PingEnd): void;
}

export interface PingOptions {
  target: string;
  kind: TargetKind;
  count: number;
  platform?: NodeJS.Platform;
  /** For tests: another executable in place of `ping`. */
  spawnCommand?: (cmd: PingCommand) => PingCommand;
}

const DENIED = /operation not permitted|permission denied|cap_net_raw|lacking privilege|must be root|socket: .*not permitted/i;

export class PingRun {
  readonly command: PingCommand;
  private readonly child: ChildProcess;
  private readonly parser = new PingParser();
  private ended = false;
  private stderr = '';
  private killTimer?: NodeJS.Timeout;
  private readonly deadline: NodeJS.Timeout;

  constructor(opts: PingOptions, private readonly handlers: PingHandlers) {
    const platform = opts.platform ?? process.platform;
    const command = pingCommand(platform, opts.target, opts.kind, opts.count);
    this.command = opts.spawnCommand ? opts.spawnCommand(command) : command;
    // LC_ALL=C: the English output the parser knows (Windows ignores it)
    this.child = spawn(this.command.command, this.command.args, {
      shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    this.child.stdout?.on('data', this.splitter(false));
    this.child.stderr?.on('data', this.splitter(true));
    this.child.on('error', (err: NodeJS.ErrnoException) => this.end(null, failureOf(err, this.command.command)));
    this.child.on('close', (code) => {
      const denied = code !== 0 && DENIED.test(this.stderr);
      this.end(code, denied ? { kind: 'denied', message: deniedMessage(this.stderr) } : undefined);
    });
    // a ping that hangs (a resolver that never answers) is stopped: 3 s per probe plus 15 s
    this.deadline = setTimeout(() => this.stop(), opts.count * 3000 + 15_000);
  }

  get running(): boolean {
    return !this.ended;
  }

  get summary(): PingSummary {
    return this.parser.summary;
  }

  /** Stops ping through its handle: SIGINT (it prints statistics), then SIGKILL if it is still there after 3 s. */
  stop(): void {
    if (this.ended) return;
    this.child.kill('SIGINT');
    this.killTimer ??= setTimeout(() => { if (!this.ended) this.child.kill('SIGKILL'); }, 3000);
  }

  private splitter(isErr: boolean): (chunk: Buffer) => void {
    let rest = '';
    return (chunk) => {
      const text = rest + chunk.toString('utf8');
      if (isErr) this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
      const lines = text.split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) this.line(line);
    };
  }

  private line(line: string): void {
    if (this.ended || line.length === 0) return;
    const { sample } = this.parser.feed(line);
    this.handlers.onLine(line, this.parser.summary, sample);
  }

  private end(exitCode: number | null, failure?: PingEnd['failure']): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.deadline);
    if (this.killTimer) clearTimeout(this.killTimer);
    this.handlers.onEnd({ exitCode, summary: this.parser.summary, ...(failure ? { failure } : {}) });
  }
}

function failureOf(err: NodeJS.ErrnoException, command: string): PingEnd['failure'] {
  if (err.code === 'ENOENT') {
    return { kind: 'missing', message: l10n.t('"{0}" is not installed where the extension runs (the VS Code extension host), so ICMP ping is not available here. Use the TCP port check instead, or install ping (Debian/Ubuntu: iputils-ping).', command) };
  }
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    return { kind: 'denied', message: l10n.t('The extension host is not allowed to run "{0}" ({1}). Use the TCP port check instead.', command, err.code) };
  }
  return { kind: 'other', message: l10n.t('ping could not start: {0}', err.message) };
}

function deniedMessage(stderr: string): string {
  const first = stderr.split(/\r?\n/).find((l) => DENIED.test(l))?.trim() ?? l10n.t('permission denied');
  return l10n.t('ping is not permitted here ({0}): sending ICMP needs a privilege the extension host does not have. Use the TCP port check instead.', first);
}
