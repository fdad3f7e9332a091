import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { inPool } from '../../../src/openstack/pool';

test('inPool: at most SIZE at a time, and every item once', async () => {
  let running = 0;
  let most = 0;
  const seen: number[] = [];
  await inPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    running++;
    most = Math.max(most, running);
    await sleep(5);
    seen.push(n);
    running--;
  });
  assert.equal(most, 3);
  assert.deepEqual(seen.sort(), [1, 2, 3, 4, 5, 6, 7]);
});

test('inPool: the first failure stops new work and is thrown only after the work in flight has ended', async () => {
  const ended: number[] = [];
  const started: number[] = [];
  const run = inPool([1, 2, 3, 4, 5, 6], 2, async (n) => {
    started.push(n);
    if (n === 1) throw new Error('one failed');
    await sleep(30);
    ended.push(n);
  });
  await assert.rejects(run, /one failed/);
  assert.deepEqual(started, [1, 2]);
  assert.deepEqual(ended, [2], 'the work in flight ended before the failure was thrown');
});
