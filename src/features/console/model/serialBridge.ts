// The byte stream of a nova serial console: a WebSocket to nova-serialproxy (websockify) carrying raw bytes both
// ways. No Origin header (nova accepts non-browser clients without one; a vscode-webview:// origin would be
// refused), subprotocol `binary`, binary frames only (websockify closes on a text frame). Frames do not follow
// lines, so output is decoded as one UTF-8 stream. The socket under it comes from the cloud's client, so the
// cloud's TLS settings and proxy apply. No vscode import: the Pseudoterminal wraps it.
import * as l10n from '@vscode/l10n';
import type { Socket } from 'node:net';
import WebSocket from 'ws';

/** Opens the TCP (or TLS) connection to the proxy, e.g. OpenStackClient.openSocket. */
export type OpenSocket = (url: string) => Promise<Socket>;

export interface SerialClose {
  code: number;
  reason: string;
  /** Bytes received before the close: 0 means the proxy refused the session right after the upgrade. */
  received: number;
  /** We closed it (the user closed the terminal). */
  byUs: boolean;
  error?: string;
}

export interface SerialHandlers {
  onData(text: string): void;
  onClose(close: SerialClose): void;
}

export class SerialBridge {
  private ws?: WebSocket;
  private readonly decoder = new TextDecoder('utf-8');
  private received = 0;
  private closedByUs = false;
  private lastError?: string;
  private done = false;

  constructor(
    private readonly url: string,
    private readonly openSocket: OpenSocket,
    private readonly handlers: SerialHandlers,
    private readonly handshakeTimeoutMs = 15_000,
  ) {}

  /** Resolves once the WebSocket is open; the proxy may still drop it right after (see describeSerialClose). */
  async open(): Promise<void> {
    const socket = await this.openSocket(this.url);
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, ['binary'], {
        handshakeTimeout: this.handshakeTimeoutMs, perMessageDeflate: false, createConnection: () => socket,
      });
      this.ws = ws;
      ws.binaryType = 'nodebuffer';
      let opened = false;
      ws.on('open', () => { opened = true; resolve(); });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        const bytes = isBinary ? data : Buffer.from(data.toString(), 'utf8');
        this.received += bytes.length;
        const text = this.decoder.decode(bytes, { stream: true });
        if (text) this.handlers.onData(text);
      });
      ws.on('error', (err) => {
        this.lastError = err.message;
        if (!opened) reject(err);
      });
      ws.on('close', (code, reason) => {
        if (this.done) return;
        this.done = true;
        const rest = this.decoder.decode();
        if (rest) this.handlers.onData(rest);
        this.handlers.onClose({ code, reason: reason.toString('utf8'), received: this.received, byUs: this.closedByUs, ...(this.lastError ? { error: this.lastError } : {}) });
      });
    });
  }

  /** Sends what the user typed as one binary frame. */
  send(text: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(Buffer.from(text, 'utf8'), { binary: true });
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.closedByUs = true;
    if (!this.ws) return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000, 'closed by the user');
    else this.ws.terminate();
  }
}

/** The words for a closed serial console, given how it closed and (when known) the instance's status. */
export function describeSerialClose(close: SerialClose, serverStatus?: string): string {
  if (close.byUs) return l10n.t('Serial console closed.');
  const status = !serverStatus || serverStatus === 'ACTIVE' ? ''
    : serverStatus === 'SHUTOFF' ? l10n.t(' The instance is now {0} (stopped).', serverStatus) : l10n.t(' The instance is now {0}.', serverStatus);
  if (close.received === 0 && (close.code === 1006 || close.code === 1005)) {
    return l10n.t("The serial proxy closed the connection before sending anything: the console token was refused or has expired (tokens live 10 minutes), or the proxy refused the client's origin.{0} Open the serial console again for a new token.", status);
  }
  if (close.code === 1003) return l10n.t('The serial proxy refused the data it was sent ({0}).', close.reason || l10n.t('unsupported frame'));
  // the proxy's reason stays as it sent it
  const how = close.reason ? l10n.t('code {0}: {1}', close.code, close.reason) : l10n.t('code {0}', close.code);
  if (status) return l10n.t('The serial console closed ({0}).{1}', how, status);
  return l10n.t('The serial console closed ({0}): the instance stopped or rebooted, its console session was taken over, or the console token expired. Open the serial console again to reconnect.', how);
}
