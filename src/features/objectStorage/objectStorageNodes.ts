// Object Storage in the tree: containers (objects, bytes) → pseudo-folders → objects (size, type, modified).
// A container and a pseudo-folder each list one level (`delimiter=/`) a page at a time with their own "Load
// more…"; an object opens in the editor through the swift: file system (swiftFileSystem.ts).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { formatBytes } from '../../core/format';
import type { Listing } from '../../openstack/listing';
import type { Page } from '../../openstack/paging';
import type { Container, ContainerEntry, PseudoFolder, StoredObject } from '../../openstack/objectStorageModels';
import { leafName } from '../../openstack/objectStorageModels';
import { categoryOf } from '../../ui/tree/categoryNode';
import { markdown, md, pageSize, ResourceNode, type ExplorerNode } from '../../ui/tree/node';
import { ErrorNode, LoadMoreNode, MessageNode } from '../../ui/tree/statusNodes';
import { SWIFT_SCHEME, swiftPath } from './model/swiftUri';

/** One level of a container below PREFIX, read a page at a time (the page size of the tree's setting). */
abstract class EntryListNode extends ResourceNode {
  private page: Page<ContainerEntry> | undefined;
  private items: ContainerEntry[] = [];
  private failure: unknown;
  private rows: ExplorerNode[] | undefined;

  constructor(parent: ExplorerNode, resource: { id: string; label: string; raw: Record<string, unknown> }, readonly container: string, readonly prefix: string) {
    super(parent, resource);
  }

  override async children(): Promise<ExplorerNode[]> {
    if (!this.page && this.failure === undefined) await this.read(async (listing) => listing.firstPage());
    this.rows ??= this.render();
    return this.rows;
  }

  async loadMore(): Promise<void> {
    const page = this.page;
    if (!page?.hasMore) return;
    await this.read((listing) => listing.nextPage(page));
    categoryOf(this).announce(this);
  }

  private async read(next: (listing: Listing<ContainerEntry>) => Promise<Page<ContainerEntry>>): Promise<void> {
    const category = categoryOf(this);
    try {
      const client = await category.scope.client();
      const page = await next(client.objectStorage.entries(this.container, { prefix: this.prefix, delimiter: '/', limit: pageSize() }));
      this.items = [...this.items, ...page.items];
      this.page = page;
      this.failure = undefined;
    } catch (err) {
      this.failure = err;
    }
    this.rows = undefined;
  }

  private render(): ExplorerNode[] {
    if (this.failure !== undefined) return [new ErrorNode(this, this.failure)];
    const { scope } = categoryOf(this);
    // a folder marker (a zero-byte object named like the folder, as Horizon and some tools make) is the folder itself
    const nodes = this.items.filter((entry) => entry.name !== this.prefix).map((entry) => (entry.kind === 'folder'
      ? new PseudoFolderNode(this, this.container, entry, leafName(entry, this.prefix))
      : new ObjectNode(this, scope.cloud, scope.projectId, this.container, entry, leafName(entry, this.prefix))));
    if (nodes.length === 0) return [new MessageNode(this, this.prefix ? l10n.t('No objects') : l10n.t('Empty container'))];
    return this.page?.hasMore ? [...nodes, new LoadMoreNode(this, nodes.length)] : nodes;
  }
}

export class ContainerNode extends EntryListNode {
  readonly kind = 'container';
  private recounted = false;
  constructor(parent: ExplorerNode, public info: Container) {
    super(parent, { id: info.name, label: info.name, raw: info as unknown as Record<string, unknown> }, info.name, '');
  }

  /**
   * The account listing's counts lag (Swift's container-updater brings them there eventually): the first expand
   * also HEADs the container, whose own counts are current, and shows those.
   */
  override async children(): Promise<ExplorerNode[]> {
    const rows = await super.children();
    if (!this.recounted) {
      this.recounted = true;
      void this.recount();
    }
    return rows;
  }

  private async recount(): Promise<void> {
    const category = categoryOf(this);
    // fire-and-forget: any failure (the client included) keeps the listing's counts
    const head = await category.scope.client().then((client) => client.objectStorage.container(this.info.name)).catch(() => undefined);
    if (!head || (head.count === this.info.count && head.bytes === this.info.bytes)) return;
    this.info = { ...this.info, count: head.count, bytes: head.bytes };
    category.announce(this);
  }

  treeItem(): vscode.TreeItem {
    const c = this.info;
    const item = this.item(this.label, true, [c.count === 0 ? 'empty' : 'has-objects']);
    item.iconPath = new vscode.ThemeIcon('archive');
    item.description = [c.count === 1 ? l10n.t('1 object') : l10n.t('{0} objects', c.count), formatBytes(c.bytes)].join(' · ');
    item.tooltip = markdown([l10n.t('Container {0}', `**${md(c.name)}**`), l10n.t('Objects: {0}', c.count), l10n.t('Size: {0}', formatBytes(c.bytes)),
      c.lastModified && l10n.t('Last modified: {0}', md(c.lastModified))]);
    return item;
  }
}

export class PseudoFolderNode extends EntryListNode {
  readonly kind = 'swiftFolder';
  constructor(parent: ExplorerNode, container: string, readonly folder: PseudoFolder, name: string) {
    super(parent, { id: folder.name, label: name, raw: folder as unknown as Record<string, unknown> }, container, folder.name);
  }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, true, []);
    item.iconPath = vscode.ThemeIcon.Folder;
    item.tooltip = markdown([l10n.t('Folder {0} in container {1}', `**${md(this.folder.name)}**`, md(this.container))]);
    return item;
  }
}

export class ObjectNode extends ResourceNode {
  readonly kind = 'swiftObject';
  constructor(parent: ExplorerNode, readonly cloud: string, readonly projectId: string, readonly container: string, readonly object: StoredObject, name: string) {
    super(parent, { id: object.name, label: name, raw: object as unknown as Record<string, unknown> });
  }

  /** The object in the editor: swift://<cloud>/<project-id>/<container>/<object>. */
  get uri(): vscode.Uri {
    return vscode.Uri.from({ scheme: SWIFT_SCHEME, authority: this.cloud, path: swiftPath({ projectId: this.projectId, container: this.container, object: this.object.name }) });
  }

  treeItem(): vscode.TreeItem {
    const o = this.object;
    const item = this.item(this.label, false, []);
    item.resourceUri = this.uri;   // the file icon theme's icon for its extension
    item.iconPath = vscode.ThemeIcon.File;
    item.description = [formatBytes(o.bytes), o.contentType].join(' · ');
    item.tooltip = markdown([`**${md(o.name)}**`, l10n.t('Size: {0}', formatBytes(o.bytes)), l10n.t('Content type: {0}', md(o.contentType)),
      l10n.t('Last modified: {0}', md(o.lastModified)), `ETag: \`${o.hash}\``]);
    item.command = { command: 'vscode.open', title: l10n.t('Open'), arguments: [this.uri] };
    return item;
  }
}
