// A node's right-click menu, VS Code's way: the webview puts the node's context on its SVG group
// (data-vscode-context); VS Code shows the package.json "webview/context" entries whose `when` the context
// matches (each of its keys is a context key), and runs the chosen command with that context plus `webview`, the
// panel type. The host turns it back into the node (nodeRefOf). Pure: shared by the webview and the host.
import type { NodeKind } from './graph';
import type { ViewNode } from './layout';
import { TOPOLOGY_VIEW_TYPE, type TopologyTarget } from './protocol';

/** Which picture and node: the panel of the project CLOUD/PROJECTID, its node NODEID. */
export interface NodeRef {
  cloud: string;
  projectId: string;
  nodeId: string;
}

export interface NodeContext extends NodeRef {
  webviewSection: NodeKind;
  /** The node's actions, space-separated: the menu entries' `when` match them, so menu and buttons offer the same. */
  topologyActions: string;
  /** No Cut/Copy/Paste: a node is not text. */
  preventDefaultContextMenuItems: true;
}

export function nodeContext(target: TopologyTarget, node: ViewNode): NodeContext {
  return {
    webviewSection: node.kind, topologyActions: node.actions.join(' '), preventDefaultContextMenuItems: true,
    cloud: target.cloud, projectId: target.projectId, nodeId: node.id,
  };
}

/** The node a topology menu's command was run on; undefined when ARG is anything else (a tree node, nothing). */
export function nodeRefOf(arg: unknown): NodeRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { webview, cloud, projectId, nodeId } = arg as Record<string, unknown>;
  if (webview !== TOPOLOGY_VIEW_TYPE || typeof cloud !== 'string' || typeof projectId !== 'string' || typeof nodeId !== 'string') return undefined;
  return { cloud, projectId, nodeId };
}
