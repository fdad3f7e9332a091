// The activation shell (dist/extension.js) stays small: minified as the .vsix ships it, at most 150 KB, and
// nothing of the client in it (undici, yaml, ws), which dist/main.js brings after activation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as esbuild from 'esbuild';
// @ts-expect-error the script is plain ESM JavaScript without types
import { ACTIVATION_LIMIT_KB, activationBundle, activationProblems } from '../../../scripts/bundles.mjs';

test('the production activation bundle is small and has no package in it', async () => {
  const result = await esbuild.build({ ...activationBundle(true), write: false });
  const output = result.metafile!.outputs['dist/extension.js'];
  assert.ok(output.bytes <= ACTIVATION_LIMIT_KB * 1024, `dist/extension.js is ${(output.bytes / 1024).toFixed(1)} KB`);
  const inputs = Object.keys(output.inputs);
  for (const heavy of ['undici', 'yaml', 'ws']) assert.ok(!inputs.some((i) => i.includes(`node_modules/${heavy}/`)), `${heavy} is in dist/extension.js`);
  assert.ok(inputs.includes('src/extension.ts'));
  assert.deepEqual(activationProblems(result.metafile, true), []);
});

test('the check fails a shell that bundles a package or outgrows the limit', () => {
  const metafile = { outputs: { 'dist/extension.js': { bytes: (ACTIVATION_LIMIT_KB + 1) * 1024, inputs: { 'src/extension.ts': {}, 'node_modules/yaml/dist/index.js': {} } } } };
  const problems: string[] = activationProblems(metafile, true);
  assert.equal(problems.length, 2);
  assert.match(problems[0], /node_modules\/yaml/);
  assert.match(problems[1], /more than 150 KB/);
});
