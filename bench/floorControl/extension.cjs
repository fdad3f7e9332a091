// The bench's control (bench/projectTree.mjs): the categories of a project, each with as many rows as the real tree
// showed (FLOOR_ROWS, JSON: [[label, count], …]), every answer a plain array at once. No request, no menu, no
// tooltip: what is left of an expand is the workbench's own work.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension host loads an extension as CommonJS
const vscode = require('vscode');

const categories = JSON.parse(process.env.FLOOR_ROWS ?? '[]');

/** @type {vscode.TreeDataProvider<{ label: string, rows?: number }>} */
const provider = {
  getTreeItem: (node) => {
    const item = new vscode.TreeItem(node.label, node.rows === undefined ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(node.rows === undefined ? 'circle-outline' : 'folder');
    item.description = node.rows === undefined ? 'ACTIVE · 10.0.0.1' : String(node.rows);
    return item;
  },
  getChildren: (node) => (node
    ? Array.from({ length: node.rows }, (_, i) => ({ label: `${node.label} row ${i + 1}` }))
    : categories.map(([label, rows]) => ({ label, rows }))),
};

module.exports.activate = (context) => {
  context.subscriptions.push(vscode.window.registerTreeDataProvider('floorControlTree', provider));
};
