// The base of every tree node: a stable id (so expansion survives refreshes), a parent (for reveal), and the
// TreeItem. contextValue is composed of words ("openstack.server status-active has-fip") that menus match.
import * as vscode from 'vscode';
import type { CloudRegistry } from '../../context/cloudRegistry';
import type { OpenStackClient } from '../../openstack/client';
import type { Listing } from '../../openstack/listing';
import type { JoinRequest } from '../../core/joinPlan';
import type { Scope } from '../../core/target';
import type { Pollable } from './poller';

export interface ExplorerEnv {
  registry: CloudRegistry;
  /** What each project lists, in this order (the features' categories: src/features/categories.ts). */
  categories: readonly CategorySpec<unknown, unknown>[];
  /** Re-renders NODE. */
  changed(node: ExplorerNode): void;
  /** Asks the poller to reload CATEGORY until nothing in it is in transition. */
  poll(category: ExplorerNode & Pollable): void;
  /** Registers loaded resources for "Find resource…". */
  remember(parent: ExplorerNode, nodes: readonly ResourceNode[]): void;
  /** A project lists CATEGORY: its load starts now if the view showed it expanded last time (see trackExpansion). */
  listed(category: ExplorerNode & { prefetch(): void; readonly asked: boolean }): void;
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
  readonly id: string;
  readonly resourceId: string;
  readonly label: string;
  readonly raw: Record<string, unknown>;

  /** RESOURCE: its id (the node's id is the parent's plus it), the label the tree shows, its JSON for Inspect. */
  constructor(parent: ExplorerNode, resource: { id: string; label: string; raw: Record<string, unknown> }) {
    super(parent);
    this.id = `${parent.id}/${resource.id}`;
    this.resourceId = resource.id;
    this.label = resource.label;
    this.raw = resource.raw;
  }

  /** Addresses to offer for copying and to match in "Find resource…". */
  ips(): string[] {
    return [];
  }

  /** The resources below it that its row already holds, for "Find resource…" (a network's subnets). */
  held(): ResourceNode[] {
    return [];
  }

  protected item(label: string, collapsible: boolean, context: string[]): vscode.TreeItem {
    const item = new vscode.TreeItem(label, collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = ['openstack.resource', `openstack.${this.kind}`, ...(this.ips().length ? ['has-ip'] : []), ...context].join(' ');
    return item;
  }
}

/** The icon colour of a row whose resource works but something on its way does not. */
export const WARNING_COLOR = new vscode.ThemeColor('list.warningForeground');

export function markdown(lines: (string | undefined | false)[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(lines.filter((l): l is string => !!l).join('\n\n'));
  md.supportHtml = false;   // names come from the cloud: never let them render as HTML
  return md;
}

/** Untrusted text (resource names) as markdown, escaped by VS Code's own MarkdownString.appendText. */
export function md(text: string): string {
  return new vscode.MarkdownString().appendText(text).value;
}

export type ServiceType = 'compute' | 'network' | 'image' | 'placement' | 'block-storage' | 'object-store';

export interface CategorySpec<T, C> {
  kind: string;
  /** A getter that calls l10n.t: read at each render, so it follows the display language. */
  label: string;
  icon: string;
  service: ServiceType;
  /** Shown only to admins: its APIs refuse others under the default policy (a row of 403s would help no one). */
  adminOnly?: boolean;
  /**
   * A category shown also when the catalog lacks its service, as one row saying so (a getter calling l10n.t):
   * for services many clouds do not run, whose absence is news rather than noise. Others are just left out.
   */
  readonly absentNote?: string;
  list(client: OpenStackClient, pageSize: number, scope: Scope): Listing<T>;
  /**
   * Data joined into the nodes of the request's rows, read for them only (by their ids, or one bounded page):
   * never a whole list, since an expand must cost a few requests whatever the project's size.
   */
  join(client: OpenStackClient, request: JoinRequest<T, C>): Promise<C>;
  node(parent: ExplorerNode, item: T, joined: C): ResourceNode;
  /** Items that change by themselves (or whose joined data does) make the category poll until they settle. */
  inTransition?(item: T, joined: C): boolean;
}

/** The join of a category that joins nothing. */
export const noJoin = async (): Promise<undefined> => undefined;

/** openstack.pageSize: how many items a page of the tree (and of a pick that reads page by page) asks for. */
export function pageSize(): number {
  return vscode.workspace.getConfiguration('openstack').get<number>('pageSize', 100);
}
