// Start, stop, soft/hard reboot and delete an instance: from its tree node (menus shown for the statuses nova
// allows them in), or from the palette with a picker of the active project's instances in such a status.
// Each sends one request; the tree then polls the instance through its transition.
import * as vscode from 'vscode';
import { iconSafeText } from '../../core/displayText';
import type { Server } from '../../openstack/computeModels';
import { changedIn, confirm, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import { pickOne } from '../../ui/pickers';
import { withProgress } from '../../ui/runCommand';
import { projectContext } from '../../context/target';
import { type Target } from '../../core/target';

export type InstanceAction = 'start' | 'stop' | 'softReboot' | 'hardReboot' | 'delete';

interface ActionInfo {
  /** "Start". */
  verb: string;
  /** "Starting". */
  doing: string;
  /** Statuses nova accepts the action in (undefined: any). */
  statuses?: readonly string[];
  /** What the tree will show while it happens. */
  until: string;
}

export const ACTIONS: Record<InstanceAction, ActionInfo> = {
  start: { verb: 'Start', doing: 'Starting', statuses: ['SHUTOFF'], until: 'ACTIVE' },
  stop: { verb: 'Stop', doing: 'Stopping', statuses: ['ACTIVE', 'ERROR'], until: 'SHUTOFF' },
  softReboot: { verb: 'Reboot', doing: 'Rebooting', statuses: ['ACTIVE'], until: 'ACTIVE' },
  hardReboot: { verb: 'Hard-reboot', doing: 'Hard-rebooting', statuses: ['ACTIVE', 'SHUTOFF', 'ERROR', 'PAUSED', 'SUSPENDED'], until: 'ACTIVE' },
  delete: { verb: 'Delete', doing: 'Deleting', until: 'gone' },
};

/** Requests: POST /servers/{id}/action (os-start, os-stop, reboot SOFT/HARD) or DELETE /servers/{id}. */
export async function executeInstanceAction(action: InstanceAction, serverId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  const { compute } = target.client;
  switch (action) {
    case 'start': await compute.startServer(serverId, signal); break;
    case 'stop': await compute.stopServer(serverId, signal); break;
    case 'softReboot': await compute.rebootServer(serverId, 'SOFT', signal); break;
    case 'hardReboot': await compute.rebootServer(serverId, 'HARD', signal); break;
    case 'delete': await compute.deleteServer(serverId, signal); break;
  }
  await changed?.('servers');
}

async function pickServer(target: Target, action: InstanceAction): Promise<Server> {
  const { statuses } = ACTIONS[action];
  const servers = async () => (await target.client.compute.servers().toArray())
    .filter((s) => !statuses || (statuses.includes(s.status) && !s.taskState))
    .map((s) => ({ label: s.name || s.id, description: [s.status, ...s.addresses.map((a) => a.addr)].join(' · '), detail: s.id, value: s }));
  const label = ACTIONS[action].verb;
  const none = statuses ? `No instance of this project is ${statuses.join(' or ')} right now.` : 'This project has no instances.';
  return pickOne(`${label} instance`, `The instance to ${label.toLowerCase()}`, servers, none);
}

/** From a ServerNode ({ server }) or, from the palette, an instance picked from the active project. */
export async function instanceAction(deps: ProjectCommandDeps, action: InstanceAction, node?: { server?: Server }): Promise<void> {
  const target = await projectContext(node, deps);
  const server = node?.server ?? (await pickServer(target, action));
  const name = server.name || server.id;
  if (action === 'delete') {
    await confirm(`Delete instance '${name}'?`, 'Its disk and everything on it are gone for good; its floating IP goes back to the project\'s pool.');
  }
  const info = ACTIONS[action];
  await withProgress(`${info.doing} ${name}`, (signal) => executeInstanceAction(action, server.id, target, signal, changedIn(deps, target)));
  vscode.window.setStatusBarMessage(`$(vm) ${iconSafeText(`${info.doing} ${name}`)}: the OpenStack view follows it until it is ${info.until}`, 6000);
}
