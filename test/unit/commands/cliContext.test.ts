import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliNote } from '../../../src/core/cliLine';
import { cliContextOf } from '../../../src/context/target';
import type { OpenStackClient } from '../../../src/openstack/client';

/** A registry with one cloud of SOURCE whose configured project is p1. */
function registry(source: string) {
  const client = { session: { projectId: 'p1' } } as unknown as OpenStackClient;
  return { cloud: () => ({ source }) as never, client: async () => client };
}
const target = { cloud: 'lab', projectId: 'p1', client: {} as OpenStackClient };

test('a cloud added in the editor: no --os-cloud, and the copy says why and what to do', async () => {
  const context = await cliContextOf(target, registry('extension'));
  assert.deepEqual(context, { cloud: undefined, projectId: undefined, addedInEditor: 'lab' });
  assert.match(cliNote(context) ?? '', /^Cloud 'lab' was added in the editor, not in clouds\.yaml: the line has no --os-cloud, so run it where the cloud's OS_\* variables are set/);
});

test('a clouds.yaml cloud is named by --os-cloud and needs no note; OS_* variables neither', async () => {
  const yaml = await cliContextOf(target, registry('/home/u/.config/openstack/clouds.yaml'));
  assert.deepEqual(yaml, { cloud: 'lab', projectId: undefined });
  assert.equal(cliNote(yaml), undefined);
  assert.equal(cliNote(await cliContextOf({ ...target, projectId: 'p2' }, registry('env'))), undefined);
});
