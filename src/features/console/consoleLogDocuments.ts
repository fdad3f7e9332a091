// "Open full log": the whole console log as a read-only editor document (a content provider's documents cannot
// be edited or saved in place), plain text with every escape sequence removed.
import * as vscode from 'vscode';
import { fileNameOf } from '../../core/displayText';
import { CONSOLE_LOG_SCHEME } from '../../core/schemes';

export class ConsoleLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private serial = 0;
  private readonly closing = vscode.workspace.onDidCloseTextDocument((doc) => { this.texts.delete(doc.uri.toString()); });

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens TEXT under NAME (the file name shown on the tab); a name already open is updated in place. */
  async show(name: string, text: string): Promise<void> {
    const safe = fileNameOf(name, 120) || 'console.log';
    const uri = vscode.Uri.from({ scheme: CONSOLE_LOG_SCHEME, path: `/${safe}`, query: `n=${++this.serial}` });
    this.texts.set(uri.toString(), text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await Promise.resolve(vscode.languages.setTextDocumentLanguage(doc, 'log')).catch(() => doc);
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.changed.dispose();
    this.closing.dispose();
    this.texts.clear();
  }
}
