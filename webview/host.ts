// A page's side of the channel to its extension host: the VS Code API (acquired once per page), the state the
// page keeps (across hide/show and, through the panel's serializer, a reload), and the host's messages, each
// passed through the protocol's guard (only the host posts to the frame, but its messages are input all the same).
import * as l10n from '@vscode/l10n';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel<Out, State> {
  /** The state the panel's last page kept, when it passes its guard. */
  readonly restored: State | undefined;
  send(message: Out): void;
  save(state: State): void;
}

/** Connects the page: ON gets each message from the host that IS_MESSAGE accepts. */
export function connectHost<Out, In, State>(
  guards: { isMessage: (x: unknown) => x is In; isState: (x: unknown) => x is State },
  on: (message: In) => void,
): HostChannel<Out, State> {
  const api = acquireVsCodeApi();
  const kept = api.getState();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (guards.isMessage(event.data)) on(event.data);
  });
  return { restored: guards.isState(kept) ? kept : undefined, send: (m) => api.postMessage(m), save: (s) => api.setState(s) };
}

/** The host's message that carries the page's strings (the translations of the display language; empty in English). */
interface StringsMessage {
  type: 'l10n';
  bundle: Record<string, string>;
}

const isStrings = (m: { type: string }): m is StringsMessage => m.type === 'l10n';

/**
 * What the host's messages go to: the first answer to `ready` is the page's strings, and only then is the page
 * built (BUILD returns what the later messages go to), so no English flashes first. A later `l10n` (the page says
 * `ready` again when shown after a hide) changes nothing.
 */
export function buildWhenTranslated<M extends { type: string }>(build: () => (m: M) => void): (m: M) => void {
  let onPageMessage: ((m: M) => void) | undefined;
  return (m) => {
    if (!isStrings(m)) onPageMessage?.(m);
    else if (!onPageMessage) {
      l10n.config({ contents: m.bundle });
      onPageMessage = build();
    }
  };
}
