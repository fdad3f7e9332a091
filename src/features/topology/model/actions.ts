// What a node of the topology offers: the tree's own commands, run by the host on the resource the node stands
// for. Shared by the webview (button titles) and the host (which command, and whether it changes the picture).
// Pure: no vscode, Node or DOM import.

export const ACTIONS = {
  openConsole: { title: 'Open Console', command: 'openstack.openConsole', changes: false },
  diagnose: { title: 'Diagnose Reachability…', command: 'openstack.diagnoseReachability', changes: false },
  assignFloatingIp: { title: 'Assign Floating IP', command: 'openstack.assignFloatingIp', changes: true },
  setRouterGateway: { title: 'Set Router Gateway…', command: 'openstack.setRouterGateway', changes: true },
  addRouterInterface: { title: 'Add Router Interface…', command: 'openstack.addRouterInterface', changes: true },
} as const;

export type ActionId = keyof typeof ACTIONS;

export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

export const isActionId = (x: unknown): x is ActionId => typeof x === 'string' && (ACTION_IDS as string[]).includes(x);
