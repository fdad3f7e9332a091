// The vscode side of displayText: tree items and quick picks as the workbench should show them. The tree's
// getTreeItem and every quick pick go through here, so no site can forget a name.
import * as vscode from 'vscode';
import { plainText, safePickItems } from '../core/displayText';

/** ITEM with bidi controls shown escaped in its label, description and tooltip. */
export function plainTreeItem(item: vscode.TreeItem): vscode.TreeItem {
  if (typeof item.label === 'string') item.label = plainText(item.label);
  else if (item.label) item.label = { label: plainText(item.label.label) };
  if (typeof item.description === 'string') item.description = plainText(item.description);
  if (typeof item.tooltip === 'string') item.tooltip = plainText(item.tooltip);
  else if (item.tooltip) {
    const md = new vscode.MarkdownString(plainText(item.tooltip.value), item.tooltip.supportThemeIcons);
    md.supportHtml = item.tooltip.supportHtml;
    item.tooltip = md;
  }
  return item;
}

/** showQuickPick with every item's texts made safe (bidi and `$(…)` escaped); resolves with the caller's own item. */
export async function showPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
  const { shown, original } = safePickItems(items);
  const picked = await vscode.window.showQuickPick(shown, { ...options, ...(options.title ? { title: plainText(options.title) } : {}) });
  return picked && original(picked);
}
