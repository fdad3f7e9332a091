// Lets one caller stop waiting for work that others share (a token request, a version document)
// without cancelling it for them.
import * as l10n from '@vscode/l10n';
import { OpenStackError } from './errors';

export function abortable<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return shared;
  if (signal.aborted) return Promise.reject(cancelled(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** SHARED with a handler attached, so that a rejection nobody waits for any more is not reported as unhandled. */
export function quiet<T>(shared: Promise<T>): Promise<T> {
  shared.catch(() => undefined);
  return shared;
}

function cancelled(signal: AbortSignal): OpenStackError {
  return new OpenStackError({ kind: 'aborted', text: l10n.t('Request cancelled.'), cause: signal.reason });
}

/** LOAD's result, asked for once and shared by every caller; a failure is forgotten, so the next call asks again. */
export function readOnce<T>(load: () => Promise<T>): (signal?: AbortSignal) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (signal) => {
    pending ??= quiet(load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
    return abortable(pending, signal);
  };
}
