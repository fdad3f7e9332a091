// Swift objects in the editor: the file system of swift://<cloud>/<project-id>/<container>/<object> (model/swiftUri.ts).
//
// - A container and a pseudo-folder are directories; createDirectory of a pseudo-folder creates nothing (in Swift
//   a folder exists while objects have its prefix), of a container path creates the container.
// - Small text objects open editable; bigger ones (over 5 MiB) and binary content types open read-only
//   (stat.permissions Readonly: VS Code's text, image and hex editors then refuse to save), and nothing over
//   50 MiB opens at all (download it instead). See isEditable.
// - A save writes the object back only if it is still the version read: the ETag read with the content is
//   compared with the server's (HEAD) before the PUT, which carries the new content's MD5 so that Swift verifies
//   what arrived. A conflicting change is refused with a message naming both ETags, never overwritten.
// - rename copies on the server (X-Copy-From) and deletes the original: objects only.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { CloudRegistry } from '../../context/cloudRegistry';
import type { ObjectStorageService } from '../../openstack/objectStorage';
import { StaleObject } from '../../openstack/objectStorage';
import { leafName } from '../../openstack/objectStorageModels';
import { OpenStackError } from '../../openstack/errors';
import { explainRefusal } from '../../core/refusals';
import { isEditable, MAX_OPEN_BYTES } from './model/objectStorageFormat';
import { folderPrefix, isFolder, parseSwiftPath, type SwiftLocation } from './model/swiftUri';

export class SwiftFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  /** The ETag each open object had when it was read, by URI: what a save expects to find on the server. */
  private readonly readEtags = new Map<string, string>();

  constructor(private readonly registry: Pick<CloudRegistry, 'projectClient'>) {}

  watch(): vscode.Disposable {
    // Swift has no change notifications: VS Code's own stat before a save is what notices another writer
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { storage, location } = await this.open(uri);
    if (location.object === '') {
      const container = await mapped(uri, storage.container(location.container));
      if (!container) throw vscode.FileSystemError.FileNotFound(uri);
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    const head = location.object.endsWith('/') ? undefined : await mapped(uri, storage.head(location.container, location.object));
    if (head) {
      const readonly = !isEditable(head.bytes, head.contentType);
      return { type: vscode.FileType.File, ctime: head.modified, mtime: head.modified, size: head.bytes, permissions: readonly ? vscode.FilePermission.Readonly : undefined };
    }
    const below = await mapped(uri, storage.entries(location.container, { prefix: folderPrefix(location), limit: 1 }).firstPage());
    if (below.items.length === 0) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { storage, location } = await this.open(uri);
    const prefix = folderPrefix(location);
    const entries = await mapped(uri, storage.entries(location.container, { prefix, delimiter: '/' }).toArray());
    // a folder marker object (named like the folder) is the folder itself, not an entry in it
    return entries.filter((e) => e.name !== prefix).map((e) => [leafName(e, prefix), e.kind === 'folder' ? vscode.FileType.Directory : vscode.FileType.File]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { storage, location } = await this.open(uri);
    if (isFolder(location)) throw vscode.FileSystemError.FileIsADirectory(uri);
    const { data, head } = await mapped(uri, storage.read(location.container, location.object, MAX_OPEN_BYTES));
    this.readEtags.set(uri.toString(), head.etag);
    return data;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const { storage, location } = await this.open(uri);
    if (isFolder(location)) throw vscode.FileSystemError.FileIsADirectory(uri);
    const key = uri.toString();
    const expected = this.readEtags.get(key);
    const data = Buffer.from(content);
    let etag: string;
    if (expected !== undefined) {
      etag = await mapped(uri, storage.writeIfUnchanged(location.container, location.object, data, expected));
    } else {
      const contentType = (await mapped(uri, storage.head(location.container, location.object)))?.contentType;
      if (contentType !== undefined && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      if (contentType === undefined && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
      etag = await mapped(uri, storage.write(location.container, location.object, data, { contentType: contentType ?? 'text/plain', createOnly: contentType === undefined }));
    }
    this.readEtags.set(key, etag);
    this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    const { storage, location } = await this.open(uri);
    if (location.object === '') {
      await mapped(uri, storage.deleteContainer(location.container));
    } else if (isFolder(location) || !(await mapped(uri, storage.deleteObject(location.container, location.object)))) {
      // no object of that name (a 404): a pseudo-folder, whose objects go with it
      const below = await mapped(uri, storage.entries(location.container, { prefix: folderPrefix(location) }).toArray());
      if (below.length > 0 && !options.recursive) throw vscode.FileSystemError.NoPermissions(l10n.t('{0} is a folder with {1} objects.', location.object, below.length));
      await mapped(uri, storage.deleteAll(location.container, below.map((e) => e.name)));
    }
    this.readEtags.delete(uri.toString());
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    const { storage, location } = await this.open(uri);
    if (location.object === '') await mapped(uri, storage.createContainer(location.container));
    // a pseudo-folder is made by the first object with its prefix: nothing to create
  }

  async rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    const source = await this.open(from);
    const target = await this.open(to);
    if (isFolder(source.location) || isFolder(target.location)) throw vscode.FileSystemError.NoPermissions(l10n.t('Only objects can be renamed, not containers or folders.'));
    if (source.location.cloud !== target.location.cloud || source.location.projectId !== target.location.projectId) {
      throw vscode.FileSystemError.NoPermissions(l10n.t('Objects can be renamed only within one project.'));
    }
    const { storage } = source;
    if (!options.overwrite && (await storage.head(target.location.container, target.location.object))) throw vscode.FileSystemError.FileExists(to);
    await mapped(to, storage.copy({ container: source.location.container, object: source.location.object }, { container: target.location.container, object: target.location.object }));
    await mapped(from, storage.deleteObject(source.location.container, source.location.object));
    this.readEtags.delete(from.toString());
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to }]);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private async open(uri: vscode.Uri): Promise<{ storage: ObjectStorageService; location: SwiftLocation }> {
    const location = parseSwiftPath(uri.authority, uri.path);
    if (!location) throw vscode.FileSystemError.FileNotFound(uri);
    const client = await mapped(uri, this.registry.projectClient(location.cloud, location.projectId));
    return { storage: client.objectStorage, location };
  }
}

/** The client's failures as FileSystemErrors VS Code understands, with the server's or our words kept. */
async function mapped<T>(uri: vscode.Uri, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof vscode.FileSystemError) throw err;
    if (err instanceof StaleObject) throw vscode.FileSystemError.NoPermissions(err.message);
    if (err instanceof OpenStackError && err.status === 404) throw vscode.FileSystemError.FileNotFound(uri);
    if (err instanceof OpenStackError && (err.status === 401 || err.status === 403)) throw vscode.FileSystemError.NoPermissions(err.message);
    throw vscode.FileSystemError.Unavailable(explainRefusal(err)?.message ?? (err instanceof Error ? err.message : String(err)));
  }
}
