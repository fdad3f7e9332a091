// What an upload lists to learn which of its objects exist already: the prefixes that hold them, not the container.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topPrefixes } from '../../../src/features/objectStorage/model/uploadRun';

test('one prefix per distinct first segment below the common folder', () => {
  assert.deepEqual(topPrefixes(['up/site/a.txt', 'up/site/img/b.png', 'up/notes.txt', 'up/logs/x.log']), ['up/logs/', 'up/notes.txt', 'up/site/']);
  assert.deepEqual(topPrefixes(['a.txt', 'b/c.txt', 'b/d/e.txt']), ['a.txt', 'b/']);
  assert.deepEqual(topPrefixes(['x/y/z.txt']), ['x/y/z.txt']);
  assert.deepEqual(topPrefixes(['logs-1/a', 'logs-2/b']), ['logs-1/', 'logs-2/'], 'a shared start of a name is not a folder');
});
