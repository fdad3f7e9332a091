import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, officialType, type CatalogEntry } from '../../../src/openstack/catalog';
import { OpenStackError } from '../../../src/openstack/errors';
import { negotiate } from '../../../src/openstack/microversion';
import { versionedRoot } from '../../../src/openstack/serviceRoot';

const entries: CatalogEntry[] = [
  {
    type: 'compute', endpoints: [
      { interface: 'public', region_id: 'RegionOne', url: 'https://one.example.com:8774/v2.1' },
      { interface: 'internal', region_id: 'RegionOne', url: 'http://10.0.0.1:8774/v2.1' },
      { interface: 'public', region_id: 'RegionTwo', url: 'https://two.example.com:8774/v2.1' },
    ],
  },
  { type: 'volumev3', endpoints: [{ interface: 'public', region: 'RegionOne', url: 'https://one.example.com:8776/v3/p1' }] },
  { type: 'network', endpoints: [{ interface: 'public', region_id: 'RegionTwo', url: 'https://two.example.com:9696' }] },
];

function configError(fn: () => unknown): OpenStackError {
  let caught: unknown;
  assert.throws(fn, (err: unknown) => {
    caught = err;
    return err instanceof OpenStackError && err.kind === 'config';
  });
  return caught as OpenStackError;
}

describe('Catalog', () => {
  it('picks by interface and region, accepting the v2 interface spelling', () => {
    assert.equal(new Catalog(entries, { interface: 'public', region: 'RegionOne' }).url('compute'), 'https://one.example.com:8774/v2.1');
    assert.equal(new Catalog(entries, { interface: 'internalURL', region: 'RegionOne' }).url('compute'), 'http://10.0.0.1:8774/v2.1');
    assert.equal(new Catalog(entries, { interface: 'public', region: 'RegionTwo' }).url('compute'), 'https://two.example.com:8774/v2.1');
    assert.equal(new Catalog(entries, { interface: 'public' }).url('compute'), 'https://one.example.com:8774/v2.1');
  });

  it('finds a service registered under an alias of its type', () => {
    const catalog = new Catalog(entries, { interface: 'public', region: 'RegionOne' });
    assert.equal(officialType('volumev3'), 'block-storage');
    assert.equal(catalog.url('block-storage'), 'https://one.example.com:8776/v3/p1');
    assert.equal(catalog.url('volume'), 'https://one.example.com:8776/v3/p1');
    assert.equal(catalog.hasService('block-storage'), true);
    assert.equal(catalog.hasService('image'), false);
  });

  it('says what the catalog has when a service is missing', () => {
    const error = configError(() => new Catalog(entries, { interface: 'public', region: 'RegionOne', cloud: 'lab' }).url('network'));
    assert.equal(error.message, "The catalog of cloud lab has no 'network' endpoint for interface public in region RegionOne; available: compute, volumev3.");
    const nowhere = configError(() => new Catalog(entries, { interface: 'admin', region: 'RegionThree' }).url('compute'));
    assert.match(nowhere.message, /for interface admin in region RegionThree; available: compute \(public in RegionOne, internal in RegionOne, public in RegionTwo\), volumev3 \(public in RegionOne\), network/);
  });
});

describe('versionedRoot', () => {
  it('appends the version this client speaks to unversioned URLs', () => {
    assert.equal(versionedRoot('network', 'http://ctl:9696'), 'http://ctl:9696/v2.0');
    assert.equal(versionedRoot('network', 'http://ctl:9696/'), 'http://ctl:9696/v2.0');
    assert.equal(versionedRoot('image', 'https://cloud.example.com/image'), 'https://cloud.example.com/image/v2');
    assert.equal(versionedRoot('compute', 'http://ctl:8774'), 'http://ctl:8774/v2.1');
    assert.equal(versionedRoot('identity', 'http://ctl:5000'), 'http://ctl:5000/v3');
  });

  it('keeps a version (and nova project id) the URL already has', () => {
    assert.equal(versionedRoot('network', 'http://ctl:9696/v2.0/'), 'http://ctl:9696/v2.0');
    assert.equal(versionedRoot('image', 'http://ctl:9292/v2'), 'http://ctl:9292/v2');
    assert.equal(versionedRoot('compute', 'http://ctl:8774/v2.1/abc123'), 'http://ctl:8774/v2.1/abc123');
    assert.equal(versionedRoot('identity', 'http://ctl:5000/v3/'), 'http://ctl:5000/v3');
    assert.equal(versionedRoot('placement', 'http://ctl/placement/'), 'http://ctl/placement');
  });

  it("moves nova's legacy /v2 and keystone's /v2.0 to the version served beside them, and refuses others", () => {
    assert.equal(versionedRoot('compute', 'http://ctl:8774/v2/abc123'), 'http://ctl:8774/v2.1/abc123');
    assert.equal(versionedRoot('identity', 'http://ctl:5000/v2.0'), 'http://ctl:5000/v3');
    assert.match(configError(() => versionedRoot('image', 'http://ctl:9292/v1')).message, /image v1 endpoint; this client speaks v2: set image_endpoint_override/);
  });
});

describe('negotiate', () => {
  const zed = { min: '2.1', max: '2.93' };

  it("asks for the feature's highest version, capped by the server and a pinned compute_api_version", () => {
    assert.equal(negotiate('default', zed), '2.79');
    assert.equal(negotiate('remoteConsoles', { min: '2.1', max: '2.60' }), '2.60');
    assert.equal(negotiate('default', zed, '2.53'), '2.53');
    assert.equal(negotiate('default', zed, '2'), '2.79');
    assert.equal(negotiate('default', zed, '2.0'), '2.79');
  });

  it('says which feature the server or the pin is too old for', () => {
    assert.equal(configError(() => negotiate('remoteConsoles', { min: '2.1', max: '2.5' })).message,
      'Nova supports microversions up to 2.5, but the remote console API needs 2.6 or later.');
    assert.match(configError(() => negotiate('serverCreate', zed, '2.1')).message, /compute_api_version 2\.1 is below 2\.37, which server creation with explicit networks needs/);
    assert.match(configError(() => negotiate('default', { min: '2.80', max: '2.100' })).message, /requires microversion 2\.80 or later, but this client speaks up to 2\.79/);
  });
});
