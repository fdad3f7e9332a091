import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSearchDirs } from '../../../src/openstack/config';
import { fileCandidates } from '../../../src/openstack/config/searchPath';

test('linux: cwd, ~/.config/openstack, again as the unix dir, /etc/xdg, /etc/openstack', () => {
  const dirs = configSearchDirs({ env: {}, cwd: '/work', homeDir: '/home/ann', platform: 'linux' });
  assert.deepEqual(dirs, ['/work', '/home/ann/.config/openstack', '/home/ann/.config/openstack', '/etc/xdg/openstack', '/etc/openstack']);
});

test('linux: XDG_CONFIG_HOME moves the user dir, every XDG_CONFIG_DIRS entry is a site dir', () => {
  const env = { XDG_CONFIG_HOME: '/xdg/home', XDG_CONFIG_DIRS: '/a:/b' };
  const dirs = configSearchDirs({ env, cwd: '/work', homeDir: '/home/ann', platform: 'linux' });
  assert.deepEqual(dirs, ['/work', '/xdg/home/openstack', '/home/ann/.config/openstack', '/a/openstack', '/b/openstack', '/etc/openstack']);
});

test('SNAP_REAL_HOME replaces HOME for ~/.config/openstack only', () => {
  const dirs = configSearchDirs({ env: { SNAP_REAL_HOME: '/home/real' }, cwd: '/w', homeDir: '/home/ann/snap/x/1', platform: 'linux' });
  assert.equal(dirs[1], '/home/ann/snap/x/1/.config/openstack');
  assert.equal(dirs[2], '/home/real/.config/openstack');
});

test('macOS: Application Support for user and site', () => {
  const dirs = configSearchDirs({ env: { XDG_CONFIG_HOME: '/ignored' }, cwd: '/w', homeDir: '/Users/ann', platform: 'darwin' });
  assert.deepEqual(dirs, [
    '/w',
    '/Users/ann/Library/Application Support/openstack',
    '/Users/ann/.config/openstack',
    '/Library/Application Support/openstack',
    '/etc/openstack',
  ]);
});

test('windows: non-roaming LOCALAPPDATA and ProgramData, with OpenStack\\openstack', () => {
  const env = { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local', APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', ALLUSERSPROFILE: 'C:\\ProgramData' };
  const dirs = configSearchDirs({ env, cwd: 'C:\\work', homeDir: 'C:\\Users\\ann', platform: 'win32' });
  assert.deepEqual(dirs, [
    'C:\\work',
    'C:\\Users\\ann\\AppData\\Local\\OpenStack\\openstack',
    'C:\\Users\\ann\\.config\\openstack',
    'C:\\ProgramData\\OpenStack\\openstack',
    '/etc/openstack',
  ]);
});

test('candidates try .yaml, .yml, .json in each dir before the next dir', () => {
  assert.deepEqual(fileCandidates(['/a', '/b'], 'secure', 'linux'), [
    '/a/secure.yaml',
    '/a/secure.yml',
    '/a/secure.json',
    '/b/secure.yaml',
    '/b/secure.yml',
    '/b/secure.json',
  ]);
});
