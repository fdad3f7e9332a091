// The extension's API for the tests: activate() returns at once (src/extension.ts, the activation shell), and its
// ready() resolves once main.js has started, with the objects the tests drive.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerActivation, OpenStackExplorerApi } from '../../../src/extension';

export const EXTENSION_ID = 'openstack-explorer.openstack-explorer';

/** The extension, activated. */
export async function activated(): Promise<{ ext: vscode.Extension<OpenStackExplorerActivation>; activation: OpenStackExplorerActivation }> {
  const ext = vscode.extensions.getExtension<OpenStackExplorerActivation>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this extension host`);
  return { ext, activation: await ext.activate() };
}

/** The API, once main.js has started. */
export async function explorerApi(): Promise<OpenStackExplorerApi> {
  return (await activated()).activation.ready();
}
