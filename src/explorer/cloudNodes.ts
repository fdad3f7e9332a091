// The top of the tree: each cloud, the projects its user can scope to, and each project's categories
// (a service missing from the catalog hides its categories).
import * as vscode from 'vscode';
import type { CloudConfig } from '../openstack/config';
import { redactUrl } from '../openstack/errors';
import type { Project } from '../openstack/identity';
import { CATEGORIES } from './categories';
import { CategoryNode } from './categoryNode';
import { ExplorerNode, markdown, md, type ExplorerEnv, type Scope } from './node';
import { ErrorNode } from './statusNodes';

export class CloudNode extends ExplorerNode {
  readonly id: string;
  constructor(readonly cloud: CloudConfig, private readonly env: ExplorerEnv, private readonly pageSize: () => number) {
    super(undefined);
    this.id = `cloud:${cloud.name}`;
  }

  treeItem(): vscode.TreeItem {
    const c = this.cloud;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('cloud');
    let host = c.auth.authUrl ?? '';
    try { host = new URL(host).host; } catch { /* shown as written */ }
    item.description = [host, c.regionName].filter(Boolean).join(' · ');
    item.contextValue = `openstack.cloud openstack.cloud-from-${c.source === 'extension' ? 'extension' : c.source === 'env' ? 'env' : 'file'}`;
    item.tooltip = markdown([
      `**${md(c.name)}**`,
      `Auth URL: \`${redactUrl(c.auth.authUrl ?? '')}\``,
      (c.auth.username ?? c.auth.userId) && `User: ${md(c.auth.username ?? c.auth.userId ?? '')}`,
      c.regionName && `Region: ${md(c.regionName)}`,
      `From: ${md(c.source === 'extension' ? 'added in the editor' : c.source === 'env' ? 'OS_* environment variables' : c.source)}`,
    ]);
    return item;
  }

  override async children(): Promise<ExplorerNode[]> {
    try {
      const client = await this.env.registry.client(this.cloud.name);
      const current = client.session.projectId;
      let projects: Project[];
      try {
        projects = await client.session.projects();
      } catch (err) {
        // application credentials cannot list projects: show the one they are bound to
        if (!current) throw err;
        projects = [{ id: current, name: this.cloud.auth.projectName ?? current, domainId: '', enabled: true, description: '', raw: {} }];
      }
      const sorted = projects.filter((p) => p.enabled).sort((a, b) => (a.id === current ? -1 : b.id === current ? 1 : a.name.localeCompare(b.name)));
      return sorted.map((p) => new ProjectNode(this, {
        cloud: this.cloud.name,
        projectId: p.id,
        projectName: p.name,
        client: () => this.env.registry.projectClient(this.cloud.name, p.id),
      }, p.id === current, this.env, this.pageSize));
    } catch (err) {
      return [new ErrorNode(this, err)];
    }
  }
}

export class ProjectNode extends ExplorerNode {
  readonly id: string;
  private categories: CategoryNode[] | undefined;

  constructor(parent: CloudNode, readonly scope: Scope, private readonly configured: boolean, private readonly env: ExplorerEnv, private readonly pageSize: () => number) {
    super(parent);
    this.id = `${parent.id}/project:${scope.projectId}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.scope.projectName, this.configured ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('project');
    item.description = this.configured ? 'configured project' : undefined;
    item.contextValue = 'openstack.project';
    item.tooltip = markdown([`Project **${md(this.scope.projectName)}**`, `ID: \`${this.scope.projectId}\``]);
    return item;
  }

  /** The next expand asks the catalog again and builds fresh categories. */
  resetCategories(): void {
    this.categories = undefined;
  }

  override async children(): Promise<ExplorerNode[]> {
    try {
      const client = await this.scope.client();
      const available = await Promise.all(CATEGORIES.map((c) => client.session.hasService(c.service)));
      // category nodes are kept so their loaded pages survive a re-render of the project
      this.categories ??= CATEGORIES.filter((_, i) => available[i])
        .map((spec) => new CategoryNode(this, this.scope, spec, this.env, this.pageSize()));
      return this.categories;
    } catch (err) {
      return [new ErrorNode(this, err)];
    }
  }
}
