// A page's side of the channel to its extension host: the VS Code API (acquired once per page), the state the
// page keeps (across hide/show and, through the panel's serializer, a reload), and the host's messages, each
// passed through the protocol's guard (only the host posts to the frame, but its messages are input all the same).
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
