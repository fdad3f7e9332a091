// The poller of transitional categories, with fake items and millisecond delays: it announces a change only
// when a poll changed something, lets go of items that left the tree or that stopped changing, and never runs
// two polls of one item at once.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Poller, type Pollable } from '../../../src/ui/tree/poller';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Milliseconds instead of seconds and minutes. */
const FAST = { firstMs: 1, maxMs: 8, giveUpMs: 300 };

/** An item whose polls answer CHANGES in turn (then false); it stays in transition unless told otherwise. */
class FakeItem implements Pollable {
  polls = 0;
  running = 0;
  overlapped = false;
  attached = true;
  transition = true;
  constructor(private readonly changes: boolean[] = []) {}
  async poll(): Promise<boolean> {
    this.polls++;
    this.running++;
    if (this.running > 1) this.overlapped = true;
    await sleep(5);
    this.running--;
    return this.changes[this.polls - 1] ?? false;
  }
  /** What a poller that ignores poll()'s answer would call. */
  async reload(): Promise<void> {
    await this.poll();
  }
  inTransition(): boolean {
    return this.transition;
  }
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  for (const start = Date.now(); !condition(); await sleep(5)) {
    assert.ok(Date.now() - start < ms, 'timed out waiting for the poller');
  }
}

describe('Poller', () => {
  let poller: Poller<FakeItem> | undefined;
  afterEach(() => poller?.dispose());

  it('announces a change only after a poll that changed something', async () => {
    const changed: FakeItem[] = [];
    const item = new FakeItem([false, true, false, false]);
    poller = new Poller<FakeItem>((i) => changed.push(i), FAST);
    poller.watch(item);
    await until(() => item.polls >= 4);
    await sleep(20);
    assert.equal(changed.length, 1, `${changed.length} changes announced for ${item.polls} polls of which 1 changed something`);
  });

  it('stops polling an item that left the tree', async () => {
    const item = new FakeItem();
    poller = new Poller<FakeItem>(() => undefined, FAST);
    poller.watch(item);
    await until(() => item.polls >= 1);
    item.attached = false;
    const polls = item.polls;
    await sleep(300);
    assert.ok(item.polls <= polls + 1, `${item.polls - polls} polls after the item left the tree`);
    assert.equal(poller.isWatching(item), false);
  });

  it('gives up on an item that stays in transition without changing (a stuck task state)', async () => {
    const item = new FakeItem();
    poller = new Poller<FakeItem>(() => undefined, FAST);
    poller.watch(item);
    const started = Date.now();
    await until(() => !poller!.isWatching(item));
    assert.ok(Date.now() - started >= FAST.giveUpMs, 'not before the give-up time');
    assert.ok(item.polls > 3, `${item.polls} polls`);
  });

  it('keeps polling while the polls change something, and stops once the item settles', async () => {
    const item = new FakeItem(Array(200).fill(true));
    poller = new Poller<FakeItem>(() => undefined, FAST);
    poller.watch(item);
    await sleep(FAST.giveUpMs * 2);
    assert.equal(poller.isWatching(item), true, 'still polled past the give-up time, since each poll changed something');
    item.transition = false;
    await until(() => !poller!.isWatching(item), 20_000);
  });

  it('never runs two polls of one item at once, however often it is watched again', async () => {
    const item = new FakeItem(Array(20).fill(true));
    poller = new Poller<FakeItem>(() => undefined, FAST);
    for (let i = 0; i < 30; i++) {
      poller.watch(item, i % 2 === 0);
      await sleep(2);
    }
    await until(() => item.polls >= 10);
    assert.equal(item.overlapped, false);
  });
});
