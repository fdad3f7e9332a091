// Reloads categories with something in transition (BUILD, rebooting, an image uploading) while the view is
// visible, backing off from 2 s to 30 s, and stops once they settle.
import type * as vscode from 'vscode';

export interface Pollable {
  reload(): Promise<void>;
  inTransition(): boolean;
}

const FIRST_DELAY_MS = 2000;
const MAX_DELAY_MS = 30_000;

export class Poller<T extends Pollable> implements vscode.Disposable {
  private readonly delays = new Map<T, number>();
  private readonly timers = new Map<T, NodeJS.Timeout>();
  private visible = true;

  constructor(private readonly changed: (item: T) => void) {}

  /** Polls ITEM until it settles; RESTART (after the user changed it) goes back to the shortest delay. */
  watch(item: T, restart = false): void {
    if (restart || !this.delays.has(item)) this.delays.set(item, FIRST_DELAY_MS);
    if (!this.timers.has(item) && this.visible) this.schedule(item);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) {
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
    } else {
      for (const item of this.delays.keys()) if (!this.timers.has(item)) this.schedule(item);
    }
  }

  /** Whether ITEM is being polled. */
  isWatching(item: T): boolean {
    return this.delays.has(item);
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.delays.clear();
  }

  dispose(): void {
    this.clear();
  }

  private schedule(item: T): void {
    const delay = this.delays.get(item) ?? FIRST_DELAY_MS;
    this.timers.set(item, setTimeout(async () => {
      this.timers.delete(item);
      await item.reload();
      this.changed(item);
      if (item.inTransition()) {
        this.delays.set(item, Math.min(delay * 2, MAX_DELAY_MS));
        if (this.visible) this.schedule(item);
      } else {
        this.delays.delete(item);
      }
    }, delay));
  }
}
