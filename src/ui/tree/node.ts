// The base of every tree node: a stable id (so expansion survives refreshes), a parent (for reveal), and the
// TreeItem. contextValue is composed of words ("openstack.server status-active has-fip") that menus match.
import * as vscode from 'vscode';
import type { CloudRegistry } from '../../context/cloudRegistry';
import type { OpenStackClient } from '../../openstack/client';
import type { Pollable } from './poller';

export interface ExplorerEnv {
  registry: CloudRegistry;
  /** Re-renders NODE. */
  changed(node: ExplorerNode): void;
  /** Asks the poller to reload CATEGORY until nothing in it is in transition. */
  poll(category: ExplorerNode & Pollable): void;
  /** Registers loaded resources for "Find resource…". */
  remember(parent: ExplorerNode, nodes: readonly ResourceNode[]): void;
}

/** Where a node lives: cloud, project and the client scoped to it. */
export interface Scope {
  cloud: string;
  projectId: string;
  projectName: string;
  client(): Promise<OpenStackClient>;
  /** An admin's "All projects": lists show every project's resources, as the token returns them. */
  allProjects?: boolean;
}

export abstract class ExplorerNode {
  abstract readonly id: string;
  constructor(readonly parent: ExplorerNode | undefined) {}
  abstract treeItem(): vscode.TreeItem;
  children(): ExplorerNode[] | Promise<ExplorerNode[]> {
    return [];
  }
}

/** A node that stands for one OpenStack resource: it can be inspected, found and have its id copied. */
export abstract class ResourceNode extends ExplorerNode {
  abstract readonly kind: string;
  abstract readonly resourceId: string;
  abstract readonly label: string;
  abstract readonly raw: Record<string, unknown>;
  /** Addresses to offer for copying and to match in "Find resource…". */
  ips(): string[] {
    return [];
  }

  protected item(label: string, collapsible: boolean, context: string[]): vscode.TreeItem {
    const item = new vscode.TreeItem(label, collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = ['openstack.resource', `openstack.${this.kind}`, ...(this.ips().length ? ['has-ip'] : []), ...context].join(' ');
    return item;
  }
}

export function markdown(lines: (string | undefined | false)[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(lines.filter((l): l is string => !!l).join('\n\n'));
  md.supportHtml = false;   // names come from the cloud: never let them render as HTML
  return md;
}

/** Escapes untrusted text (resource names) for a MarkdownString. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
