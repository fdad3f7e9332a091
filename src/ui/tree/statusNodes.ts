// Nodes that are not resources: a failed load with Retry, "Load more…", and an empty category's note.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ExplorerNode } from './node';
import { OpenStackError } from '../../openstack/errors';

export class ErrorNode extends ExplorerNode {
  readonly id: string;
  constructor(parent: ExplorerNode, readonly error: unknown) {
    super(parent);
    this.id = `${parent.id}/error`;
  }

  treeItem(): vscode.TreeItem {
    const message = this.error instanceof Error ? this.error.message : String(this.error);
    const short = this.error instanceof OpenStackError ? this.error.text : message;
    const item = new vscode.TreeItem(short);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = message;
    item.description = l10n.t('Retry');
    item.contextValue = 'openstack.error';
    item.command = { command: 'openstack.retry', title: l10n.t('Retry'), arguments: [this] };
    return item;
  }
}

export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(parent: ExplorerNode, private readonly loaded: number) {
    super(parent);
    this.id = `${parent.id}/more`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('Load more…'));
    item.id = this.id;
    item.description = l10n.t('{0} shown', this.loaded);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'openstack.loadMore';
    item.command = { command: 'openstack.loadMore', title: l10n.t('Load more'), arguments: [this] };
    return item;
  }
}

export class MessageNode extends ExplorerNode {
  readonly id: string;
  constructor(parent: ExplorerNode, private readonly text: string, private readonly icon = 'info') {
    super(parent);
    this.id = `${parent.id}/message`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'openstack.message';
    return item;
  }
}
