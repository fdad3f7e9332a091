// The top of the tree: each cloud, the projects its user can scope to, and each project's categories
// (a service missing from the catalog hides its categories).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { CloudConfig } from '../../openstack/config';
import type { Project } from '../../openstack/identity';
import { redactUrl } from '../../openstack/errors';
import { CategoryNode } from './categoryNode';
import { ExplorerNode, markdown, md, type ExplorerEnv } from './node';
import { type Scope } from '../../core/target';
import { ErrorNode } from './statusNodes';

export class CloudNode extends ExplorerNode {
  readonly id: string;
  /** Project nodes by id, kept across renders so that their categories keep their rows (a Refresh drops them). */
  private projects = new Map<string, ProjectNode>();
  /** Projects whose admin toggle "All projects" is on. */
  private readonly allProjects = new Set<string>();
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
      l10n.t('Auth URL: {0}', `\`${redactUrl(c.auth.authUrl ?? '')}\``),
      (c.auth.username ?? c.auth.userId) && l10n.t('User: {0}', md(c.auth.username ?? c.auth.userId ?? '')),
      c.regionName && l10n.t('Region: {0}', md(c.regionName)),
      l10n.t('From: {0}', md(c.source === 'extension' ? l10n.t('added in the editor') : c.source === 'env' ? l10n.t('OS_* environment variables') : c.source)),
    ]);
    return item;
  }

  /** Drops the projects: their categories stop loading and polling, the next render builds new ones. */
  detach(): void {
    for (const project of this.projects.values()) project.resetCategories();
    this.projects.clear();
  }

  override async children(): Promise<ExplorerNode[]> {
    try {
      const client = await this.env.registry.client(this.cloud.name);
      const current = client.session.projectId;
      let projects: Project[];
      try {
        projects = await client.identity.projects();
      } catch (err) {
        // application credentials cannot list projects: show the one they are bound to
        if (!current) throw err;
        projects = [{ id: current, name: this.cloud.auth.projectName ?? current, domainId: '', enabled: true, description: '', raw: {} }];
      }
      const sorted = projects.filter((p) => p.enabled).sort((a, b) => (a.id === current ? -1 : b.id === current ? 1 : a.name.localeCompare(b.name)));
      const kept = new Map(sorted.map((p) => [p.id, this.projectNode(p, p.id === current, client.session.isAdmin)]));
      for (const [id, gone] of this.projects) if (kept.get(id) !== gone) gone.resetCategories();
      this.projects = kept;
      return [...kept.values()];
    } catch (err) {
      return [new ErrorNode(this, err)];
    }
  }

  private projectNode(p: Project, configured: boolean, admin: boolean): ProjectNode {
    const known = this.projects.get(p.id);
    if (known && known.scope.projectName === p.name && known.configured === configured && known.admin === admin) return known;
    const allProjects = this.allProjects;
    return new ProjectNode(this, {
      cloud: this.cloud.name,
      projectId: p.id,
      projectName: p.name,
      client: () => this.env.registry.projectClient(this.cloud.name, p.id),
      // kept by the cloud node, so that the toggle outlives the project nodes of one listing
      get allProjects() { return allProjects.has(p.id); },
      set allProjects(on: boolean) { if (on) allProjects.add(p.id); else allProjects.delete(p.id); },
    }, configured, admin, this.env, this.pageSize);
  }
}

export class ProjectNode extends ExplorerNode {
  readonly id: string;
  private categories: CategoryNode[] | undefined;
  /** Counts resets: a listing that a reset overtook while it read the catalog keeps nothing. */
  private resets = 0;

  constructor(
    parent: CloudNode, readonly scope: Scope, readonly configured: boolean,
    /** The user has the admin role, so the "All projects" toggle is offered. */ readonly admin: boolean,
    private readonly env: ExplorerEnv, private readonly pageSize: () => number,
  ) {
    super(parent);
    this.id = `${parent.id}/project:${scope.projectId}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.scope.projectName, this.configured ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('project');
    item.description = [this.configured && l10n.t('configured project'), this.scope.allProjects && l10n.t('all projects')].filter(Boolean).join(' · ') || undefined;
    item.contextValue = ['openstack.project', ...(this.admin ? [this.scope.allProjects ? 'admin-all-projects' : 'admin-one-project'] : [])].join(' ');
    item.tooltip = markdown([l10n.t('Project {0}', `**${md(this.scope.projectName)}**`), l10n.t('ID: {0}', `\`${this.scope.projectId}\``)]);
    return item;
  }

  /** An admin's toggle between this project's view and every project's resources; the categories load again. */
  showAllProjects(on: boolean): void {
    this.scope.allProjects = on;
    this.resetCategories();
  }

  /** The next expand asks the catalog again and builds fresh categories; the old ones stop loading and polling. */
  resetCategories(): void {
    for (const category of this.categories ?? []) category.detach();
    this.categories = undefined;
    this.resets++;
  }

  override async children(): Promise<ExplorerNode[]> {
    const resets = this.resets;
    try {
      const client = await this.scope.client();
      const present = await Promise.all(this.env.categories.map((c) => client.session.hasService(c.service)));
      // refreshed or dropped meanwhile: the view asks the project again if it still shows it, and no category of
      // this listing may load (it would stand in the explorer for the live one of the same id)
      if (resets !== this.resets) return [];
      // category nodes are kept so their loaded pages survive a re-render of the project
      this.categories ??= this.env.categories.map((spec, i) => ({ spec, present: present[i] }))
        .filter(({ spec, present }) => (!spec.adminOnly || this.admin) && (present || spec.absent !== undefined))
        .map(({ spec, present }) => new CategoryNode(this, this.scope, spec, this.env, this.pageSize, !present));
      // the view is about to ask for the expanded ones, one at a time: their loads start now, side by side
      for (const category of this.categories) this.env.listed(category);
      return this.categories;
    } catch (err) {
      return [new ErrorNode(this, err)];
    }
  }
}
