// The placeholders the activation shell registers with VS Code for what main.js implements (see
// src/ui/registrations.ts): each waits for main.js to load, then forwards to what main.js filled in.
import * as vscode from 'vscode';
import type { CommandHandler, Fill, Placeholders } from '../ui/registrations';

/** The keys that get a placeholder. */
export interface PlaceholderKeys {
  /** Every command of package.json's contributes.commands. */
  readonly commands: readonly string[];
  /** The webview panels VS Code restores at startup (package.json's onWebviewPanel activation events). */
  readonly viewTypes: readonly string[];
  /** The schemes of the virtual documents. */
  readonly schemes: readonly string[];
  /** The schemes of the file systems. */
  readonly fileSystems: readonly string[];
}

/** What main.js filled in, by key. */
class Slots<T> {
  private readonly filled = new Map<string, T>();

  /** LOADED resolves once main.js has filled in everything it has; ONFILL forwards what a filled-in value announces. */
  constructor(
    private readonly keys: readonly string[],
    private readonly loaded: () => Promise<unknown>,
    private readonly onFill?: (key: string, value: T) => vscode.Disposable | undefined,
  ) {}

  readonly fill: Fill<T> = (key, value) => {
    if (!this.keys.includes(key)) return undefined;
    this.filled.set(key, value);
    const forwarding = this.onFill?.(key, value);
    return new vscode.Disposable(() => {
      forwarding?.dispose();
      if (this.filled.get(key) === value) this.filled.delete(key);
    });
  };

  /** What main.js filled in for KEY, once it has loaded. */
  async get(key: string): Promise<T> {
    await this.loaded();
    const value = this.filled.get(key);
    if (value === undefined) throw new Error(`main.js filled in nothing for ${key}`);
    return value;
  }

  /** The keys main.js left without a value. */
  unfilled(): string[] {
    return this.keys.filter((key) => !this.filled.has(key));
  }
}

/** Registers a placeholder for every key; LOADED loads main.js (once) and resolves when it has started. */
export function registerPlaceholders(keys: PlaceholderKeys, loaded: () => Promise<unknown>): {
  placeholders: Placeholders; unfilled: () => string[]; disposables: vscode.Disposable[];
} {
  const commands = new Slots<CommandHandler>(keys.commands, loaded);
  const serializers = new Slots<vscode.WebviewPanelSerializer>(keys.viewTypes, loaded);
  // VS Code subscribes to a provider's onDidChange when it is registered: each placeholder's own event forwards
  // the real provider's (one per scheme: VS Code ignores, with a warning, a change of another scheme's document)
  const changed = new Map(keys.schemes.map((scheme) => [scheme, new vscode.EventEmitter<vscode.Uri>()]));
  const documents = new Slots<vscode.TextDocumentContentProvider>(keys.schemes, loaded, (scheme, provider) => provider.onDidChange?.((uri) => changed.get(scheme)?.fire(uri)));
  const fileChanged = new Map(keys.fileSystems.map((scheme) => [scheme, new vscode.EventEmitter<vscode.FileChangeEvent[]>()]));
  const fileSystems = new Slots<vscode.FileSystemProvider>(keys.fileSystems, loaded, (scheme, provider) => provider.onDidChangeFile((events) => fileChanged.get(scheme)?.fire(events)));
  const disposables = [
    ...changed.values(),
    ...fileChanged.values(),
    ...keys.fileSystems.map((scheme) => vscode.workspace.registerFileSystemProvider(scheme, placeholderFileSystem(fileChanged.get(scheme)!.event, () => fileSystems.get(scheme)), { isCaseSensitive: true })),
    ...keys.commands.map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => (await commands.get(id))(...args))),
    ...keys.viewTypes.map((viewType) => vscode.window.registerWebviewPanelSerializer(viewType, {
      deserializeWebviewPanel: async (panel, state) => (await serializers.get(viewType)).deserializeWebviewPanel(panel, state),
    })),
    ...keys.schemes.map((scheme) => vscode.workspace.registerTextDocumentContentProvider(scheme, {
      onDidChange: changed.get(scheme)?.event,
      provideTextDocumentContent: async (uri, token) => (await documents.get(scheme)).provideTextDocumentContent(uri, token),
    })),
  ];
  return {
    placeholders: { commands: commands.fill, serializers: serializers.fill, documents: documents.fill, fileSystems: fileSystems.fill },
    unfilled: () => [...commands.unfilled(), ...serializers.unfilled(), ...documents.unfilled(), ...fileSystems.unfilled()],
    disposables,
  };
}

/** A file system that waits for main.js's (REAL) and forwards every call; CHANGED forwards its change events. */
function placeholderFileSystem(changed: vscode.Event<vscode.FileChangeEvent[]>, real: () => Promise<vscode.FileSystemProvider>): vscode.FileSystemProvider {
  return {
    onDidChangeFile: changed,
    watch(uri, options) {
      // watch must answer at once: the real watch starts once main.js has loaded, unless disposed before
      let watching: vscode.Disposable | undefined;
      let disposed = false;
      void real().then((fs) => { if (!disposed) watching = fs.watch(uri, options); }, () => undefined);
      return new vscode.Disposable(() => { disposed = true; watching?.dispose(); });
    },
    stat: async (uri) => (await real()).stat(uri),
    readDirectory: async (uri) => (await real()).readDirectory(uri),
    createDirectory: async (uri) => (await real()).createDirectory(uri),
    readFile: async (uri) => (await real()).readFile(uri),
    writeFile: async (uri, content, options) => (await real()).writeFile(uri, content, options),
    delete: async (uri, options) => (await real()).delete(uri, options),
    rename: async (from, to, options) => (await real()).rename(from, to, options),
  };
}
