// Identical reads in flight at once share one exchange: the tree's categories, expanded together, may ask the same
// page (the Floating IPs category's first page and the Instances' join of it), and on a single-process Neutron
// each duplicate costs the others' time. A caller that stops waiting (its signal) leaves the exchange to the
// others; it is cancelled only when every caller has stopped waiting.
import { abortable } from './abortable';

interface Shared<T> {
  result: Promise<T>;
  controller: AbortController;
  waiting: number;
}

export class SharedReads<T> {
  private readonly inFlight = new Map<string, Shared<T>>();

  /** SEND's result for KEY, joining a read of the same KEY still in flight instead of starting another. */
  async read(key: string, signal: AbortSignal | undefined, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const shared = this.inFlight.get(key) ?? this.start(key, send);
    shared.waiting++;
    try {
      return await abortable(shared.result, signal);
    } finally {
      if (--shared.waiting === 0 && signal?.aborted) this.cancel(key, shared);
    }
  }

  private start(key: string, send: (signal: AbortSignal) => Promise<T>): Shared<T> {
    const controller = new AbortController();
    const shared: Shared<T> = { controller, waiting: 0, result: send(controller.signal) };
    // settled: later reads send again (this is no cache)
    const forget = () => { if (this.inFlight.get(key) === shared) this.inFlight.delete(key); };
    shared.result.then(forget, forget);
    this.inFlight.set(key, shared);
    return shared;
  }

  /** Nobody waits for SHARED any more: stop it, and let a later read of KEY start afresh. */
  private cancel(key: string, shared: Shared<T>): void {
    if (this.inFlight.get(key) === shared) this.inFlight.delete(key);
    shared.controller.abort();
  }
}
