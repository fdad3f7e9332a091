// How a tree category joins related resources into its rows without reading whole lists: one bounded read (a page
// of the related list, started alongside the rows' first page) answers a small project at once; when that page
// was full, a follow-up asks only for what the rows refer to and the page did not hold. Pure: no vscode import.
import type { Listing } from '../openstack/listing';
import type { Page } from '../openstack/paging';

export interface JoinRequest<T, C> {
  /**
   * The rows to join for: a load's (resolving once its pages are read, so that a bounded read can run alongside
   * the first page) or Load more's new ones.
   */
  rows: Promise<readonly T[]>;
  /** Load more: what was joined for the rows shown so far; the result adds the new rows' to it. */
  previous?: C;
  pageSize: number;
  /** The project whose view the category's lists show (an admin's, narrowed: see viewOf); undefined: the token's. */
  view?: string;
  signal: AbortSignal;
}

/** A category's rows as a load left them: ITEMS with what was JOINED for them, WHOLE when no page is left to read. */
export interface LoadedRows {
  items: readonly unknown[];
  joined: unknown;
  whole: boolean;
}

/** Rows read, and the data joined for them. */
export interface JoinedRows<T, C> {
  /** The last page read: Load more continues after it. */
  page: Page<T>;
  items: T[];
  joined: C;
}

/** A load: the first page, then further pages until SHOWN rows are covered, and alongside them the join for the rows. */
export async function readJoined<T, C>(listing: Listing<T>, join: (rows: Promise<readonly T[]>) => Promise<C>, shown: number, signal: AbortSignal): Promise<JoinedRows<T, C>> {
  const read = readPages(listing, shown, signal);
  const rows = read.then((r) => r.items);
  rows.catch(() => undefined);   // a failed read rejects below; a join that never awaits ROWS must not leave it unhandled
  const [{ page, items }, joined] = await Promise.all([read, join(rows)]);
  return { page, items, joined };
}

/** Load more: the page after FROM's, with the join for its rows only added to FROM's. */
export async function readMoreJoined<T, C>(listing: Listing<T>, from: JoinedRows<T, C>, join: (rows: Promise<readonly T[]>, previous: C) => Promise<C>, signal: AbortSignal): Promise<JoinedRows<T, C>> {
  const page = await listing.nextPage(from.page, signal);
  const joined = await join(Promise.resolve(page.items), from.joined);
  return { page, items: [...from.items, ...page.items], joined };
}

async function readPages<T>(listing: Listing<T>, shown: number, signal: AbortSignal): Promise<{ page: Page<T>; items: T[] }> {
  let page = await listing.firstPage(signal);
  const items = [...page.items];
  while (page.hasMore && items.length < shown) {
    page = await listing.nextPage(page, signal);
    items.push(...page.items);
  }
  return { page, items };
}

/** Related items read so far, and whether they are the whole list (the bounded read was not full). */
export interface Joined<T> {
  items: T[];
  whole: boolean;
}

/** A bounded read's result as a join: the whole list when no more pages exist. */
export function fromBoundedPage<T>(page: { items: T[]; hasMore: boolean }): Joined<T> {
  return { items: page.items, whole: !page.hasMore };
}

/** What a follow-up must ask for: none when JOINED is the whole list, else the MISSING keys, each once. */
export function stillToAsk(joined: Joined<unknown>, missing: Iterable<string>): string[] {
  return joined.whole ? [] : [...new Set(missing)];
}

/** JOINED with MORE added, each id once (the newer read wins). */
export function withMore<T extends { id: string }>(joined: Joined<T>, more: readonly T[]): Joined<T> {
  const byId = new Map(joined.items.map((item) => [item.id, item]));
  for (const item of more) byId.set(item.id, item);
  return { items: [...byId.values()], whole: joined.whole };
}
