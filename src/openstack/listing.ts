// A list API as the UI consumes it: every item (following next links), or one page at a time for
// "Load more…", with each raw item turned into a model.
import { firstPage, paginate, type FetchPage, type Page, type PageOptions } from './paging';
import { withQuery, type QueryValue } from './paths';
import type { Session } from './session';

export interface Listing<T> {
  all(signal?: AbortSignal): AsyncGenerator<T>;
  toArray(signal?: AbortSignal): Promise<T[]>;
  firstPage(signal?: AbortSignal): Promise<Page<T>>;
  /** The page after PAGE; empty when PAGE was the last. */
  nextPage(page: Page<T>, signal?: AbortSignal): Promise<Page<T>>;
}

export interface ListSpec<R, T> {
  session: Session;
  serviceType: string;
  path: string;
  query?: Record<string, QueryValue>;
  itemsKey: string;
  /** Glance returns a `next` path; the others `<items>_links`. */
  style: 'links' | 'glance';
  /** Per-request headers, e.g. a negotiated microversion. */
  headers?: (signal?: AbortSignal) => Promise<Record<string, string>>;
  map: (raw: R) => T;
}

export function listing<R, T>(spec: ListSpec<R, T>): Listing<T> {
  const { session, serviceType, itemsKey, map } = spec;
  const fetchPage: FetchPage = async (url, signal) => {
    const headers = await spec.headers?.(signal);
    return (await session.request(serviceType, url, { method: 'GET', headers, signal })).json();
  };
  const options = async (signal?: AbortSignal): Promise<{ root: string; opts: PageOptions }> => {
    const root = await session.endpoint(serviceType, signal);
    return { root, opts: { style: spec.style, baseUrl: root, itemsKey, signal } };
  };
  const mapped = (page: Page<R>): Page<T> => ({ ...page, items: page.items.map(map) });
  return {
    async *all(signal) {
      const { root, opts } = await options(signal);
      for await (const raw of paginate<R>(fetchPage, root + withQuery(spec.path, spec.query), opts)) yield map(raw);
    },
    async toArray(signal) {
      const items: T[] = [];
      for await (const item of this.all(signal)) items.push(item);
      return items;
    },
    async firstPage(signal) {
      const { root, opts } = await options(signal);
      return mapped(await firstPage<R>(fetchPage, root + withQuery(spec.path, spec.query), opts));
    },
    async nextPage(page, signal) {
      if (!page.nextUrl) return { items: [], hasMore: false };
      const { opts } = await options(signal);
      return mapped(await firstPage<R>(fetchPage, page.nextUrl, opts));
    },
  };
}

/**
 * LISTING a page at a time, each page's items as soon as it is read, until the last page: a pick can show the
 * first page while the rest are still on their way. A next link back to a page already read ends it.
 */
export async function* pagesOf<T>(listing: Listing<T>, signal?: AbortSignal): AsyncGenerator<T[]> {
  const seen = new Set<string>();
  for (let page = await listing.firstPage(signal); ; page = await listing.nextPage(page, signal)) {
    yield page.items;
    if (!page.hasMore || (page.nextUrl !== undefined && seen.has(page.nextUrl))) return;
    if (page.nextUrl !== undefined) seen.add(page.nextUrl);
  }
}

/**
 * What any of PARTS lists, each item once (by id), sorted by name. Read whole as one page: a union has no
 * common marker, and its parts (a project's own, the shared and the public ones) are what one project sees.
 */
export function union<T extends { id: string; name?: string }>(parts: readonly ((signal?: AbortSignal) => Promise<T[]>)[]): Listing<T> {
  const read = async (signal?: AbortSignal): Promise<T[]> => {
    const lists = await Promise.all(parts.map((part) => part(signal)));
    const byId = new Map<string, T>();
    for (const item of lists.flat()) if (!byId.has(item.id)) byId.set(item.id, item);
    // sorted by name like the paged lists, since a merged list has no server-side order
    return [...byId.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  };
  return oneRead(read);
}

/** What READ returns, as one page in its own order: for APIs that answer whole, with no paging. */
export function oneRead<T>(read: (signal?: AbortSignal) => Promise<T[]>): Listing<T> {
  return {
    async *all(signal) {
      yield* await read(signal);
    },
    toArray: read,
    async firstPage(signal) {
      return { items: await read(signal), hasMore: false };
    },
    async nextPage() {
      return { items: [], hasMore: false };
    },
  };
}

/** A listing with no items that asks nothing: a filter by any of no values matches nothing. */
export function emptyListing<T>(): Listing<T> {
  const none = { items: [] as T[], hasMore: false };
  return {
    async *all() { /* nothing */ },
    toArray: async () => [],
    firstPage: async () => none,
    nextPage: async () => none,
  };
}
