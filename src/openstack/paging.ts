// Walks OpenStack list APIs page by page. It only needs a fetchPage function, so any authenticated requester
// can drive it, and the tree can read one page at a time for "Load more…".
import * as l10n from '@vscode/l10n';
import { OpenStackError, isRecord, redactUrl } from './errors';

export type FetchPage = (url: string, signal?: AbortSignal) => Promise<unknown>;

export interface PageOptions {
  itemsKey: string;
  /** Nova, Neutron, Cinder: `<itemsKey>_links` entries with rel 'next'; Glance: a top-level `next` path. */
  style: 'links' | 'glance';
  /** The catalog endpoint: every next link is read against it, whatever host the link names. */
  baseUrl: string;
  signal?: AbortSignal;
}

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
  const body = await fetchPage(url, opts.signal).catch((err: unknown) => {
    throw markerGone(err, url) ?? err;
  });
  const items = isRecord(body) ? body[opts.itemsKey] : undefined;
  if (!isRecord(body) || !Array.isArray(items)) throw new Error(l10n.t('The page at {0} has no "{1}" list.', redactUrl(url), opts.itemsKey));
  const next = items.length ? nextUrl(body, url, opts) : undefined;
  // A next link back to a page already read (same URL or marker) would loop forever.
  if (next === undefined || remember(seen, next)) return { items: items as T[], hasMore: false };
  return { items: items as T[], hasMore: true, nextUrl: next };
}

/**
 * A next page starts after its marker, the last item shown (its id; a key pair's name). When that item was
 * deleted before the next page was asked for, Nova and Glance answer 400, Neutron and Cinder 404, each naming
 * the marker in their text. The fix is a reload.
 */
function markerGone(err: unknown, url: string): OpenStackError | undefined {
  const marker = new URL(url).searchParams.get('marker');
  if (!(err instanceof OpenStackError) || marker === null || (err.status !== 400 && err.status !== 404)) return undefined;
  if (!namesWord(err.text, marker)) return undefined;
  const text = l10n.t('The list changed while it was read: {0}, the last item of the page before, is gone. Reload the list. ({1})', marker, err.text);
  return new OpenStackError({ ...err, text, cause: err });
}

/** Whether TEXT has WORD with no letter, digit or dash on either side: a short marker (flavor "1") is not in "10". */
function namesWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!/[\w-]/.test(text[at - 1] ?? '') && !/[\w-]/.test(text[at + word.length] ?? '')) return true;
  }
  return false;
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
  const href = opts.style === 'glance' ? body.next : linkedNext(body[`${opts.itemsKey}_links`]);
  if (typeof href !== 'string' || href === '') return undefined;
  return rebase(new URL(href, current), opts.baseUrl);
}

function linkedNext(links: unknown): unknown {
  const next = (Array.isArray(links) ? links : []).find((link) => isRecord(link) && link.rel === 'next');
  return isRecord(next) ? next.href : undefined;
}

/**
 * LINK's path and query on ENDPOINT's scheme, host and path. The token goes with every page, so a link naming
 * another host (a proxy's internal address, or a hostile service) must not be followed there. The endpoint and
 * the link may each carry a prefix (/compute) before the shared tail (/v2.1): the link's path is taken after
 * the longest tail of the endpoint's path it contains.
 */
function rebase(link: URL, endpoint: string): string {
  const base = new URL(endpoint);
  const root = base.pathname.split('/').filter(Boolean);
  const path = link.pathname.split('/').filter(Boolean);
  let rest = path;
  for (let tail = root.length; tail > 0; tail--) {
    const at = indexOfRun(path, root.slice(root.length - tail));
    if (at >= 0) {
      rest = path.slice(at + tail);
      break;
    }
  }
  base.pathname = [...root, ...rest].join('/');
  base.search = link.search;
  return base.toString();
}

/** Where RUN starts in SEGMENTS as consecutive items, or -1. */
function indexOfRun(segments: string[], run: string[]): number {
  for (let i = 0; i + run.length <= segments.length; i++) {
    if (run.every((segment, j) => segments[i + j] === segment)) return i;
  }
  return -1;
}
