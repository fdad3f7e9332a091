// Reloads categories with something in transition (BUILD, rebooting, an image uploading) while the view is
// visible, backing off from 2 s to 30 s, and stops once they settle, once they leave the tree, or once nothing
// has changed for 10 minutes (a task state stuck in nova must not keep the view polling forever).
import type * as vscode from 'vscode';

export interface Pollable {
  /** Loads the item again; true when what it shows changed. */
  poll(): Promise<boolean>;
  inTransition(): boolean;
  /** False once the item has left the tree. */
  readonly attached: boolean;
}

export interface PollTiming {
  firstMs: number;
  maxMs: number;
  /** How long an item may stay in transition without any change before the poller gives up on it. */
  giveUpMs: number;
}

// a build on a busy compute node may show no change for minutes; a task state stuck for 10 is stuck
const TIMING: PollTiming = { firstMs: 2000, maxMs: 30_000, giveUpMs: 600_000 };

interface Watch {
  delay: number;
  /** When a poll last changed something (or the watch started). */
  lastChange: number;
}

export class Poller<T extends Pollable> implements vscode.Disposable {
  private readonly watches = new Map<T, Watch>();
  private readonly timers = new Map<T, NodeJS.Timeout>();
  /** Items whose poll is running: they are rescheduled when it ends, not before. */
  private readonly running = new Set<T>();
  private visible = true;

  /** CHANGED is told about an item only when a poll changed what it shows. */
  constructor(private readonly changed: (item: T) => void, private readonly timing = TIMING) {}

  /** Polls ITEM until it settles; RESTART (after the user changed it) goes back to the shortest delay. */
  watch(item: T, restart = false): void {
    if (restart || !this.watches.has(item)) this.watches.set(item, { delay: this.timing.firstMs, lastChange: Date.now() });
    if (restart && this.timers.has(item)) this.cancelTimer(item);
    this.scheduleIfIdle(item);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) {
      for (const item of [...this.timers.keys()]) this.cancelTimer(item);
    } else {
      for (const item of this.watches.keys()) this.scheduleIfIdle(item);
    }
  }

  /** Whether ITEM is being polled. */
  isWatching(item: T): boolean {
    return this.watches.has(item);
  }

  clear(): void {
    for (const item of [...this.timers.keys()]) this.cancelTimer(item);
    this.watches.clear();
  }

  dispose(): void {
    this.clear();
  }

  private scheduleIfIdle(item: T): void {
    const watch = this.watches.get(item);
    if (!watch || !this.visible || this.timers.has(item) || this.running.has(item)) return;
    this.timers.set(item, setTimeout(() => void this.tick(item), watch.delay));
  }

  private cancelTimer(item: T): void {
    clearTimeout(this.timers.get(item));
    this.timers.delete(item);
  }

  private async tick(item: T): Promise<void> {
    this.timers.delete(item);
    if (!item.attached) {
      this.watches.delete(item);
      return;
    }
    this.running.add(item);
    let changed = false;
    try {
      changed = await item.poll();
    } catch {
      // a failed poll shows in the item itself (its error row); nothing more to tell here
    } finally {
      this.running.delete(item);
    }
    if (changed) this.changed(item);
    const watch = this.watches.get(item);
    if (!watch) return;   // cleared meanwhile
    if (changed) watch.lastChange = Date.now();
    if (!item.attached || !item.inTransition() || Date.now() - watch.lastChange >= this.timing.giveUpMs) {
      this.watches.delete(item);
      return;
    }
    watch.delay = Math.min(watch.delay * 2, this.timing.maxMs);
    this.scheduleIfIdle(item);
  }
}
