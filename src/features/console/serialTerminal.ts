// "Open serial console": a VS Code terminal whose Pseudoterminal is bridged to nova's serial proxy WebSocket.
// Keys go to the instance as typed; its output is written to the terminal as it comes. When the socket closes
// (token refused or expired, instance stopped, proxy gone) the terminal says why and closes on the next key.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { iconSafeText } from '../../core/displayText';
import type { Log } from '../../context/log';
import type { OpenStackClient } from '../../openstack/client';
import { redactUrl } from '../../openstack/errors';
import { plainName } from './model/ansi';
import { describeSerialClose, SerialBridge, type OpenSocket, type SerialClose } from './model/serialBridge';
import type { ConsoleTarget } from './model/protocol';

const DIM = '\x1b[2m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** Wraps our own messages to the terminal's width (the guest's output is passed through untouched). */
export function wrapForTerminal(text: string, columns: number | undefined): string {
  const width = Math.max(20, columns ?? 80);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\r\n');
}

export class SerialPty implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private bridge?: SerialBridge;
  private columns?: number;
  private ended = false;
  /** Everything written to the terminal, for tests (bounded). */
  transcript = '';

  constructor(
    private readonly url: string,
    private readonly openSocket: OpenSocket,
    private readonly name: string,
    private readonly statusNow: () => Promise<string | undefined>,
    private readonly log?: Log,
  ) {}

  open(dims: vscode.TerminalDimensions | undefined): void {
    this.columns = dims?.columns;
    this.say(`${DIM}${l10n.t('Connecting to the serial console of {0}…', this.name)}${RESET}`);
    this.bridge = new SerialBridge(this.url, this.openSocket, {
      onData: (text) => this.write(text),
      onClose: (close) => void this.closed(close),
    });
    this.bridge.open().then(
      () => {
        this.log?.info(`serial console of ${this.name}: connected to ${redactUrl(this.url)}`);
        this.say(`${DIM}${l10n.t('Connected. Press Enter if no prompt shows.')}${RESET}`);
      },
      (err: Error) => void this.closed({ code: 1006, reason: '', received: 0, byUs: false, error: err.message }, l10n.t('Could not reach the serial proxy: {0}.', err.message.replace(/\.$/, ''))),
    );
  }

  handleInput(data: string): void {
    if (this.ended) {
      this.closeEmitter.fire();
      return;
    }
    this.bridge?.send(data);
  }

  /**
   * A serial line has no window-size signal (nova's proxy carries raw bytes, as a physical port would): the
   * size is kept so our own messages wrap to it; in the guest, `stty rows R cols C` sets it by hand.
   */
  setDimensions(dims: vscode.TerminalDimensions): void {
    this.columns = dims.columns;
  }

  close(): void {
    this.ended = true;
    this.bridge?.close();
  }

  private write(text: string): void {
    this.transcript = (this.transcript + text).slice(-100_000);
    this.writeEmitter.fire(text);
  }

  private say(text: string): void {
    this.write(`${wrapForTerminal(text, this.columns)}\r\n`);
  }

  private async closed(close: SerialClose, override?: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const status = close.byUs ? undefined : await this.statusNow().catch(() => undefined);
    const message = override ?? describeSerialClose(close, status);
    this.log?.info(`serial console of ${this.name}: closed ${close.code}${close.error ? ` (${close.error})` : ''}, ${close.received} bytes received`);
    this.write('\r\n');
    this.say(`${YELLOW}[${message}]${RESET}`);
    this.say(`${DIM}${l10n.t('Press any key to close this terminal.')}${RESET}`);
  }
}

export interface SerialDeps {
  log: Log;
  clientFor(target: ConsoleTarget): Promise<OpenStackClient>;
}

/** Asks nova for a serial console URL and opens it in a new terminal; nova's refusals propagate as thrown. */
export async function openSerialTerminal(deps: SerialDeps, target: ConsoleTarget): Promise<{ terminal: vscode.Terminal; pty: SerialPty }> {
  const client = await deps.clientFor(target);
  const remote = await client.compute.remoteConsole(target.serverId, 'serial');
  const name = plainName(target.name, 60) || target.serverId;
  const pty = new SerialPty(remote.url, (url) => client.openSocket(url), name, async () => (await client.compute.server(target.serverId)).status, deps.log);
  const terminal = vscode.window.createTerminal({ name: l10n.t('Serial: {0}', iconSafeText(name)), pty, iconPath: new vscode.ThemeIcon('plug') });
  terminal.show();
  return { terminal, pty };
}
