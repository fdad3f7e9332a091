// "Inspect": any resource's JSON as OpenStack returned it, in a read-only editor (a virtual document).
import * as vscode from 'vscode';
import { fileNameOf } from '../../core/displayText';
import { INSPECT_SCHEME } from '../../core/schemes';
import type { ResourceNode } from './node';

export class InspectDocuments implements vscode.TextDocumentContentProvider {
  private readonly documents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? '{}';
  }

  async open(node: ResourceNode): Promise<void> {
    // the name is only a readable tab title; the id keeps documents of same-named resources apart
    const safeName = fileNameOf(node.label) || node.resourceId;
    const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${node.kind}/${safeName}.json`, query: node.id });
    this.documents.set(uri.toString(), JSON.stringify(node.raw, null, 2));
    this.emitter.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
