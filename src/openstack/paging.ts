// Walks OpenStack list APIs page by page. It only needs a fetchPage function, so any authenticated requester
// can drive it, and the tree can read one page at a time for "Load more…".
import { isRecord, redactUrl } from './errors';

export type FetchPage = (url: string, signal?: AbortSignal) => Promise<unknown>;

export type PageOptions = { itemsKey: string; signal?: AbortSignal } & (
  /** Nova, Neutron, Cinder: `<itemsKey>_links` entries with rel 'next'. */
  | { style: 'links' }
  /** Glance: a top-level `next` path from the endpoint root; baseUrl is the catalog endpoint. */
  | { style: 'glance'; baseUrl: string }
);

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  nextUrl?: string;
}

export async function* paginate<T>(fetchPage: FetchPage, firstUrl: string, opts: PageOptions): AsyncGenerator<T> {
  const seen = new Set<string>();
  for (let url: string | undefined = firstUrl; url !== undefined; ) {
    const page: Page<T> = await readPage<T>(fetchPage, url, opts, seen);
    yield* page.items;
    url = page.nextUrl;
  }
}

export function firstPage<T>(fetchPage: FetchPage, url: string, opts: PageOptions): Promise<Page<T>> {
  return readPage<T>(fetchPage, url, opts, new Set());
}

async function readPage<T>(fetchPage: FetchPage, url: string, opts: PageOptions, seen: Set<string>): Promise<Page<T>> {
  remember(seen, url);
  const body = await fetchPage(url, opts.signal);
  const items = isRecord(body) ? body[opts.itemsKey] : undefined;
  if (!isRecord(body) || !Array.isArray(items)) throw new Error(`The page at ${redactUrl(url)} has no "${opts.itemsKey}" list.`);
  const next = items.length ? nextUrl(body, url, opts) : undefined;
  // A next link back to a page already read (same URL or marker) would loop forever.
  if (next === undefined || remember(seen, next)) return { items: items as T[], hasMore: false };
  return { items: items as T[], hasMore: true, nextUrl: next };
}

/** Records the URL and its marker; true when either was already there. */
function remember(seen: Set<string>, url: string): boolean {
  const marker = new URL(url).searchParams.get('marker');
  const keys = marker === null ? [url] : [url, `marker:${marker}`];
  const repeated = keys.some((key) => seen.has(key));
  for (const key of keys) seen.add(key);
  return repeated;
}

function nextUrl(body: Record<string, unknown>, current: string, opts: PageOptions): string | undefined {
  if (opts.style === 'glance') {
    if (typeof body.next !== 'string' || body.next === '') return undefined;
    if (/^https?:\/\//i.test(body.next)) return body.next;
    // The endpoint may carry a path (devstack: /image) and a version (/v2) that `next` repeats.
    const root = opts.baseUrl.replace(/\/+$/, '').replace(/\/v\d+(\.\d+)?$/, '');
    return `${root}${body.next.startsWith('/') ? '' : '/'}${body.next}`;
  }
  const links = body[`${opts.itemsKey}_links`];
  for (const link of Array.isArray(links) ? links : []) {
    if (isRecord(link) && link.rel === 'next' && typeof link.href === 'string') return new URL(link.href, current).toString();
  }
  return undefined;
}
