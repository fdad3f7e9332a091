// What a node of the topology offers: the tree's own commands, run on the resource the node stands for (a command
// that changes the project reloads the tree's categories, and so the picture; a delete asks first, as from the
// tree). Offered as the selection's buttons and in the node's right-click menu (package.json "webview/context").
// Shared by the webview (button titles) and the host (which command). Pure: no vscode, Node or DOM import.

export const ACTIONS = {
  openConsole: { title: 'Open Console', command: 'openstack.openConsole' },
  diagnose: { title: 'Diagnose Reachability…', command: 'openstack.diagnoseReachability' },
  assignFloatingIp: { title: 'Assign Floating IP', command: 'openstack.assignFloatingIp' },
  setRouterGateway: { title: 'Set Router Gateway…', command: 'openstack.setRouterGateway' },
  addRouterInterface: { title: 'Add Router Interface…', command: 'openstack.addRouterInterface' },
  deleteInstance: { title: 'Delete Instance…', command: 'openstack.deleteInstance' },
  deleteNetwork: { title: 'Delete Network…', command: 'openstack.deleteNetwork' },
  deleteRouter: { title: 'Delete Router…', command: 'openstack.deleteRouter' },
  teardownRouter: { title: 'Tear Down Router…', command: 'openstack.teardownRouter' },
  releaseFloatingIp: { title: 'Release Floating IP…', command: 'openstack.releaseFloatingIp' },
} as const;

export type ActionId = keyof typeof ACTIONS;

export const isActionId = (x: unknown): x is ActionId => typeof x === 'string' && Object.keys(ACTIONS).includes(x);
