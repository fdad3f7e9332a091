// Where a download writes: inside the chosen folder only, whatever the objects are named.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { existingTargets, planDownload } from '../../../src/features/objectStorage/model/downloadPlan';

const folder = join(tmpdir(), 'chosen');

test("a folder's objects keep their path below it; an object lands under its own name", () => {
  const plan = planDownload(folder, 'logs', ['logs/a.txt', 'logs/2024/b.txt', 'logs/2024/']);
  assert.deepEqual(plan.targets, [{ object: 'logs/a.txt', file: join(folder, 'a.txt') }, { object: 'logs/2024/b.txt', file: join(folder, '2024', 'b.txt') }]);
  assert.deepEqual(plan.outside, [], 'a folder marker gets no file and is not "outside"');
  assert.deepEqual(planDownload(folder, '', ['x/y.txt']).targets, [{ object: 'x/y.txt', file: join(folder, 'x', 'y.txt') }]);
});

test("names whose '..' segments climb out of the chosen folder are set aside, never written", () => {
  const plan = planDownload(folder, '', ['../../.bashrc', 'a/../../b', 'a/../ok.txt', '..', 'a/./c.txt']);
  assert.deepEqual(plan.outside, ['../../.bashrc', 'a/../../b', '..']);
  assert.deepEqual(plan.targets.map((t) => t.file), [join(folder, 'ok.txt'), join(folder, 'a', 'c.txt')]);
  assert.deepEqual(planDownload(folder, 'logs', ['logs/../../../etc/passwd']).outside, ['logs/../../../etc/passwd']);
});

test('the targets that exist already', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ose-download-'));
  try {
    await writeFile(join(dir, 'there.txt'), 'x');
    const { targets } = planDownload(dir, '', ['there.txt', 'new.txt']);
    assert.deepEqual((await existingTargets(targets)).map((t) => t.object), ['there.txt']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
