// Identical reads in flight share one exchange; a caller that stops waiting leaves it to the others.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenStackError } from '../../../src/openstack/errors';
import { SharedReads } from '../../../src/openstack/sharedReads';

/** A send whose result the test settles, counting calls and seeing its signal. */
function pending() {
  const calls: AbortSignal[] = [];
  let resolve!: (v: string) => void;
  const send = (signal: AbortSignal) => {
    calls.push(signal);
    return new Promise<string>((res, rej) => {
      resolve = res;
      signal.addEventListener('abort', () => rej(new Error('aborted')), { once: true });
    });
  };
  return { calls, send, resolve: (v: string) => resolve(v) };
}

describe('SharedReads', () => {
  it('sends once for reads of the same key in flight, and again once it settled', async () => {
    const reads = new SharedReads<string>();
    const p = pending();
    const a = reads.read('k', undefined, p.send);
    const b = reads.read('k', undefined, p.send);
    p.resolve('page');
    assert.deepEqual(await Promise.all([a, b]), ['page', 'page']);
    assert.equal(p.calls.length, 1);
    const c = reads.read('k', undefined, p.send);
    p.resolve('later');
    assert.equal(await c, 'later');
    assert.equal(p.calls.length, 2);
  });

  it('sends separately for different keys', async () => {
    const reads = new SharedReads<string>();
    const p = pending();
    const a = reads.read('k1', undefined, p.send);
    const b = reads.read('k2', undefined, p.send);
    assert.equal(p.calls.length, 2);
    p.resolve('second');
    assert.equal(await b, 'second');
    assert.notEqual(p.calls[0], p.calls[1]);
    void a;   // left in flight: only the second send's result is settled here
  });

  it('keeps the exchange going for the others when one caller stops waiting', async () => {
    const reads = new SharedReads<string>();
    const p = pending();
    const stop = new AbortController();
    const a = reads.read('k', stop.signal, p.send);
    const b = reads.read('k', undefined, p.send);
    stop.abort();
    await assert.rejects(a, (err) => err instanceof OpenStackError && err.kind === 'aborted');
    assert.equal(p.calls[0].aborted, false);
    p.resolve('page');
    assert.equal(await b, 'page');
  });

  it('cancels the exchange when every caller stopped waiting, and a later read sends afresh', async () => {
    const reads = new SharedReads<string>();
    const p = pending();
    const one = new AbortController();
    const two = new AbortController();
    const a = reads.read('k', one.signal, p.send);
    const b = reads.read('k', two.signal, p.send);
    one.abort();
    await assert.rejects(a);
    two.abort();
    await assert.rejects(b);
    assert.equal(p.calls[0].aborted, true);
    const c = reads.read('k', undefined, p.send);
    assert.equal(p.calls.length, 2);
    p.resolve('fresh');
    assert.equal(await c, 'fresh');
  });

  it('gives every caller the failure of the shared exchange', async () => {
    const reads = new SharedReads<string>();
    let sent = 0;
    const failing = () => { sent++; return Promise.reject(new Error('503')); };
    const results = await Promise.allSettled([reads.read('k', undefined, failing), reads.read('k', undefined, failing)]);
    assert.deepEqual(results.map((r) => r.status === 'rejected' && (r.reason as Error).message), ['503', '503']);
    assert.equal(sent, 1);
  });
});
