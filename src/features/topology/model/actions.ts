// What a node of the topology offers: the tree's own commands, run on the resource the node stands for (a command
// that changes the project reloads the tree's categories, and so the picture; a delete asks first, as from the
// tree). Offered as the selection's buttons and in the node's right-click menu (package.json "webview/context").
// Shared by the webview (button titles) and the host (which command). Pure: no vscode, Node or DOM import.
// The titles are getters: read when shown, in the display language.
import * as l10n from '@vscode/l10n';

export const ACTIONS = {
  openConsole: { get title() { return l10n.t('Open Console'); }, command: 'openstack.openConsole' },
  diagnose: { get title() { return l10n.t('Diagnose Reachability…'); }, command: 'openstack.diagnoseReachability' },
  assignFloatingIp: { get title() { return l10n.t('Assign Floating IP'); }, command: 'openstack.assignFloatingIp' },
  setRouterGateway: { get title() { return l10n.t('Set Router Gateway…'); }, command: 'openstack.setRouterGateway' },
  addRouterInterface: { get title() { return l10n.t('Add Router Interface…'); }, command: 'openstack.addRouterInterface' },
  deleteInstance: { get title() { return l10n.t('Delete Instance…'); }, command: 'openstack.deleteInstance' },
  deleteNetwork: { get title() { return l10n.t('Delete Network…'); }, command: 'openstack.deleteNetwork' },
  deleteRouter: { get title() { return l10n.t('Delete Router…'); }, command: 'openstack.deleteRouter' },
  teardownRouter: { get title() { return l10n.t('Tear Down Router…'); }, command: 'openstack.teardownRouter' },
  releaseFloatingIp: { get title() { return l10n.t('Release Floating IP…'); }, command: 'openstack.releaseFloatingIp' },
} as const;

export type ActionId = keyof typeof ACTIONS;

export const isActionId = (x: unknown): x is ActionId => typeof x === 'string' && Object.keys(ACTIONS).includes(x);
