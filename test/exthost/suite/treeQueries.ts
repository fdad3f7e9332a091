// Reading the extension's own tree in extension-host tests: a node's label, its children, a child by label.
import * as assert from 'node:assert/strict';
import type { OpenStackExplorerApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/ui/tree/node';

export function label(node: ExplorerNode): string {
  const l = node.treeItem().label;
  return typeof l === 'string' ? l : l?.label ?? '';
}

export function treeQueries(api: () => OpenStackExplorerApi) {
  const children = async (node?: ExplorerNode) => api().explorer.getChildren(node);
  const child = async (parent: ExplorerNode | undefined, name: string) => {
    const kids = await children(parent);
    const found = kids.find((k) => label(k) === name);
    assert.ok(found, `no '${name}' under ${parent ? label(parent) : 'the root'}; found: ${kids.map(label).join(', ')}`);
    return found;
  };
  return { children, child };
}
