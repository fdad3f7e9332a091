import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenStackError } from '../../../src/openstack/errors';
import { pagesOf, type Listing } from '../../../src/openstack/listing';
import { firstPage, paginate, type FetchPage, type Page, type PageOptions } from '../../../src/openstack/paging';

/** A fetchPage over canned pages that records what was asked. */
function pages(byUrl: Record<string, unknown>): { fetchPage: FetchPage; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetchPage: (url) => {
      asked.push(url);
      if (!(url in byUrl)) throw new Error(`unexpected ${url}`);
      return Promise.resolve(byUrl[url]);
    },
  };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const NOVA = 'http://ctrl/compute/v2.1';
const NEUTRON = 'http://ctrl:9696/networking/v2.0';
const links: PageOptions = { itemsKey: 'servers', style: 'links', baseUrl: NOVA };

describe('paginate', () => {
  it('follows nova servers_links over three pages', async () => {
    const { fetchPage, asked } = pages({
      [`${NOVA}/servers?limit=2`]: { servers: [{ id: 'a' }, { id: 'b' }], servers_links: [{ rel: 'next', href: `${NOVA}/servers?limit=2&marker=b` }] },
      [`${NOVA}/servers?limit=2&marker=b`]: { servers: [{ id: 'c' }, { id: 'd' }], servers_links: [{ rel: 'next', href: `${NOVA}/servers?limit=2&marker=d` }] },
      [`${NOVA}/servers?limit=2&marker=d`]: { servers: [{ id: 'e' }] },
    });
    assert.deepEqual((await all(paginate<{ id: string }>(fetchPage, `${NOVA}/servers?limit=2`, links))).map((s) => s.id), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(asked.length, 3);
  });

  it('follows only the neutron next link, not previous', async () => {
    const { fetchPage } = pages({
      [`${NEUTRON}/networks?limit=1`]: { networks: [{ id: 'n1' }], networks_links: [{ rel: 'next', href: `${NEUTRON}/networks?limit=1&marker=n1` }] },
      [`${NEUTRON}/networks?limit=1&marker=n1`]: {
        networks: [{ id: 'n2' }],
        networks_links: [
          { rel: 'next', href: `${NEUTRON}/networks?limit=1&marker=n2` },
          { rel: 'previous', href: `${NEUTRON}/networks?limit=1&marker=n2&page_reverse=True` },
        ],
      },
      // Neutron's last page still links back.
      [`${NEUTRON}/networks?limit=1&marker=n2`]: {
        networks: [],
        networks_links: [{ rel: 'previous', href: `${NEUTRON}/networks?limit=1&marker=n3&page_reverse=True` }],
      },
    });
    const ids = (await all(paginate<{ id: string }>(fetchPage, `${NEUTRON}/networks?limit=1`, { itemsKey: 'networks', style: 'links', baseUrl: NEUTRON }))).map((n) => n.id);
    assert.deepEqual(ids, ['n1', 'n2']);
  });

  it('resolves glance next paths against the endpoint root, with or without a version', async () => {
    for (const [baseUrl, root] of [['http://ctrl/image', 'http://ctrl/image'], ['http://ctrl:9292/v2/', 'http://ctrl:9292']]) {
      const { fetchPage, asked } = pages({
        [`${root}/v2/images?limit=1`]: { images: [{ id: 'i1' }], next: '/v2/images?limit=1&marker=i1', first: '/v2/images?limit=1' },
        [`${root}/v2/images?limit=1&marker=i1`]: { images: [{ id: 'i2' }], first: '/v2/images?limit=1' },
      });
      const ids = (await all(paginate<{ id: string }>(fetchPage, `${root}/v2/images?limit=1`, { itemsKey: 'images', style: 'glance', baseUrl }))).map((i) => i.id);
      assert.deepEqual(ids, ['i1', 'i2']);
      assert.deepEqual(asked, [`${root}/v2/images?limit=1`, `${root}/v2/images?limit=1&marker=i1`]);
    }
  });

  it('rebases next links naming another host onto the catalog endpoint, so the token never leaves it', async () => {
    // A service behind a proxy names its internal address; a hostile one could name any host.
    const { fetchPage, asked } = pages({
      [`${NOVA}/servers?limit=1`]: { servers: [{ id: 'a' }], servers_links: [{ rel: 'next', href: 'https://attacker.test:8774/v2.1/servers?limit=1&marker=a' }] },
      [`${NOVA}/servers?limit=1&marker=a`]: { servers: [{ id: 'b' }], servers_links: [{ rel: 'next', href: 'http://nova-internal:8774/compute/v2.1/servers?limit=1&marker=b' }] },
      [`${NOVA}/servers?limit=1&marker=b`]: { servers: [{ id: 'c' }] },
    });
    const ids = (await all(paginate<{ id: string }>(fetchPage, `${NOVA}/servers?limit=1`, links))).map((s) => s.id);
    assert.deepEqual(ids, ['a', 'b', 'c']);
    assert.ok(asked.every((url) => url.startsWith(`${NOVA}/`)), asked.join(' '));
  });

  it('rebases an absolute glance next link onto the image endpoint', async () => {
    const root = 'http://ctrl/image';
    const { fetchPage, asked } = pages({
      [`${root}/v2/images?limit=1`]: { images: [{ id: 'i1' }], next: 'http://attacker.test/v2/images?limit=1&marker=i1' },
      [`${root}/v2/images?limit=1&marker=i1`]: { images: [{ id: 'i2' }] },
    });
    const ids = (await all(paginate<{ id: string }>(fetchPage, `${root}/v2/images?limit=1`, { itemsKey: 'images', style: 'glance', baseUrl: `${root}/v2` }))).map((i) => i.id);
    assert.deepEqual(ids, ['i1', 'i2']);
    assert.deepEqual(asked, [`${root}/v2/images?limit=1`, `${root}/v2/images?limit=1&marker=i1`]);
  });

  it('stops when a next link repeats a marker already read', async () => {
    const { fetchPage, asked } = pages({
      [`${NOVA}/servers`]: { servers: [{ id: 'a' }], servers_links: [{ rel: 'next', href: `${NOVA}/servers?marker=a` }] },
      [`${NOVA}/servers?marker=a`]: { servers: [{ id: 'b' }], servers_links: [{ rel: 'next', href: `${NOVA}/servers?limit=5&marker=a` }] },
    });
    assert.equal((await all(paginate(fetchPage, `${NOVA}/servers`, links))).length, 2);
    assert.equal(asked.length, 2);
  });

  it('stops on an empty page even if it links on', async () => {
    const { fetchPage, asked } = pages({
      [`${NOVA}/servers`]: { servers: [], servers_links: [{ rel: 'next', href: `${NOVA}/servers?marker=z` }] },
    });
    assert.deepEqual(await all(paginate(fetchPage, `${NOVA}/servers`, links)), []);
    assert.equal(asked.length, 1);
  });

  it('passes the signal to fetchPage, and rejects a page without the items list', async () => {
    const signal = new AbortController().signal;
    let seen: AbortSignal | undefined;
    const fetchPage: FetchPage = (_url, s) => {
      seen = s;
      return Promise.resolve({ flavors: [] });
    };
    await assert.rejects(all(paginate(fetchPage, `${NOVA}/servers?token=t0k`, { ...links, signal })), /page at .*token=\*\*\* has no "servers" list/);
    assert.equal(seen, signal);
  });
});

describe('firstPage', () => {
  it('tells whether there is more, and where', async () => {
    const next = `${NOVA}/servers?limit=1&marker=a`;
    const { fetchPage } = pages({
      [`${NOVA}/servers?limit=1`]: { servers: [{ id: 'a' }], servers_links: [{ rel: 'next', href: next }] },
      [next]: { servers: [{ id: 'b' }] },
    });
    assert.deepEqual(await firstPage(fetchPage, `${NOVA}/servers?limit=1`, links), { items: [{ id: 'a' }], hasMore: true, nextUrl: next });
    assert.deepEqual(await firstPage(fetchPage, next, links), { items: [{ id: 'b' }], hasMore: false });
  });

  it('reports no more when the next link points back at the same marker', async () => {
    const url = `${NOVA}/servers?marker=a`;
    const { fetchPage } = pages({ [url]: { servers: [{ id: 'b' }], servers_links: [{ rel: 'next', href: `${NOVA}/servers?limit=9&marker=a` }] } });
    assert.equal((await firstPage(fetchPage, url, links)).hasMore, false);
  });

  it('says the list changed when the service names the marker as gone, only as a whole word', async () => {
    const flavors: PageOptions = { itemsKey: 'flavors', style: 'links', baseUrl: NOVA };
    const refusing = (text: string): FetchPage => () => Promise.reject(new OpenStackError({ kind: 'http', status: 400, text, service: 'Nova' }));
    const refusal = (text: string) => firstPage(refusing(text), `${NOVA}/flavors?marker=1`, flavors).then(() => assert.fail('expected a refusal'), (err: unknown) => err as OpenStackError);
    const gone = await refusal('marker [1] not found');
    assert.match(gone.message, /^Nova: The list changed while it was read: 1, the last item of the page before, is gone\. Reload the list\. \(marker \[1\] not found\)/);
    assert.equal(gone.status, 400);
    const other = await refusal('marker [10] not found');
    assert.equal(other.message, 'Nova: marker [10] not found (HTTP 400)', 'another marker\'s text stays as the service said it');
  });
});

describe('pagesOf', () => {
  /** A listing over PAGES (each with the next link the service gave): what a paged list API answers. */
  const listing = (pageList: Page<string>[]): Listing<string> & { asked: number } => {
    const at = (url?: string) => pageList.find((_page, i) => (i === 0 ? url === undefined : pageList[i - 1].nextUrl === url))!;
    return {
      asked: 0,
      all: () => { throw new Error('not used'); },
      toArray: () => { throw new Error('not used'); },
      async firstPage() { this.asked++; return at(undefined); },
      async nextPage(page) { this.asked++; return at(page.nextUrl); },
    };
  };

  it('yields each page as it is read, and asks for the next only when the one before was taken', async () => {
    const list = listing([
      { items: ['a', 'b'], hasMore: true, nextUrl: 'm=b' },
      { items: ['c'], hasMore: true, nextUrl: 'm=c' },
      { items: [], hasMore: false },
    ]);
    const pagesRead = pagesOf(list);
    assert.deepEqual((await pagesRead.next()).value, ['a', 'b']);
    assert.equal(list.asked, 1, 'the first page is handed on before the second is asked for');
    assert.deepEqual(await all(pagesRead), [['c'], []]);
    assert.equal(list.asked, 3);
  });

  it('ends at a next link it has followed before instead of reading in a circle', async () => {
    const list = listing([
      { items: ['a'], hasMore: true, nextUrl: 'm=a' },
      { items: ['b'], hasMore: true, nextUrl: 'm=a' },
    ]);
    assert.deepEqual(await all(pagesOf(list)), [['a'], ['b']]);
  });
});
