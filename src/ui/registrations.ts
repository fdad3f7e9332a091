// How the features register with VS Code. VS Code needs every command of package.json, the webview panels'
// serializers (it restores panels at startup), the virtual documents' and file systems' schemes the moment the extension
// activates, but their implementations live in dist/main.js, loaded after activation. So the activation shell
// (src/extension.ts) registers a placeholder for each, which waits for main.js and forwards to what main.js fills
// in here. Whatever has no placeholder is registered with VS Code directly.
import * as vscode from 'vscode';

/** Fills the placeholder of KEY with VALUE until the Disposable is disposed; undefined when KEY has no placeholder. */
export type Fill<T> = (key: string, value: T) => vscode.Disposable | undefined;

export type CommandHandler = (...args: unknown[]) => unknown;

export interface Placeholders {
  readonly commands: Fill<CommandHandler>;
  readonly serializers: Fill<vscode.WebviewPanelSerializer>;
  readonly documents: Fill<vscode.TextDocumentContentProvider>;
  readonly fileSystems: Fill<vscode.FileSystemProvider>;
}

let placeholders: Placeholders | undefined;

/** Called by main.js before any feature registers. */
export function usePlaceholders(shell: Placeholders): void {
  placeholders = shell;
}

export function registerCommandHandler(id: string, handler: CommandHandler): vscode.Disposable {
  return placeholders?.commands(id, handler) ?? vscode.commands.registerCommand(id, handler);
}

export function registerSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
  return placeholders?.serializers(viewType, serializer) ?? vscode.window.registerWebviewPanelSerializer(viewType, serializer);
}

export function registerDocuments(scheme: string, provider: vscode.TextDocumentContentProvider): vscode.Disposable {
  return placeholders?.documents(scheme, provider) ?? vscode.workspace.registerTextDocumentContentProvider(scheme, provider);
}

export function registerFileSystem(scheme: string, provider: vscode.FileSystemProvider): vscode.Disposable {
  return placeholders?.fileSystems(scheme, provider) ?? vscode.workspace.registerFileSystemProvider(scheme, provider, { isCaseSensitive: true });
}
