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
  const disposables = [
    ...changed.values(),
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
    placeholders: { commands: commands.fill, serializers: serializers.fill, documents: documents.fill },
    unfilled: () => [...commands.unfilled(), ...serializers.unfilled(), ...documents.unfilled()],
    disposables,
  };
}
