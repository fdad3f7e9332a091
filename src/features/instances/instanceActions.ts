// Start, stop, soft/hard reboot and delete an instance: from its tree node (menus shown for the statuses nova
// allows them in), or from the palette with a picker of the active project's instances in such a status.
// Each sends one request; the tree then polls the instance through its transition.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { iconSafeText } from '../../core/displayText';
import type { Server } from '../../openstack/computeModels';
import { changedIn, confirm, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import { pickServer } from './pickServer';
import { withProgress } from '../../ui/runCommand';
import { projectContext } from '../../context/target';
import { type Target } from '../../core/target';

export type InstanceAction = 'start' | 'stop' | 'softReboot' | 'hardReboot' | 'delete';

/** Statuses nova accepts each action in (undefined: any). */
const STATUSES: Record<InstanceAction, readonly string[] | undefined> = {
  start: ['SHUTOFF'],
  stop: ['ACTIVE', 'ERROR'],
  softReboot: ['ACTIVE'],
  hardReboot: ['ACTIVE', 'SHUTOFF', 'ERROR', 'PAUSED', 'SUSPENDED'],
  delete: undefined,
};

interface ActionWords {
  /** The picker's title: "Start instance". */
  title: string;
  /** The picker's placeholder: "The instance to start". */
  placeholder: string;
  /** The progress: "Starting vm1". */
  doing: (name: string) => string;
  /** The status bar once sent: "Starting vm1: the OpenStack view follows it until it is ACTIVE". */
  following: (name: string) => string;
}

/** What ACTION is called in the display language (asked when shown: l10n answers only once configured). */
function wordsOf(action: InstanceAction): ActionWords {
  switch (action) {
    case 'start': return {
      title: l10n.t('Start instance'), placeholder: l10n.t('The instance to start'), doing: (n) => l10n.t('Starting {0}', n),
      following: (n) => l10n.t('Starting {0}: the OpenStack view follows it until it is ACTIVE', n),
    };
    case 'stop': return {
      title: l10n.t('Stop instance'), placeholder: l10n.t('The instance to stop'), doing: (n) => l10n.t('Stopping {0}', n),
      following: (n) => l10n.t('Stopping {0}: the OpenStack view follows it until it is SHUTOFF', n),
    };
    case 'softReboot': return {
      title: l10n.t('Reboot instance'), placeholder: l10n.t('The instance to reboot'), doing: (n) => l10n.t('Rebooting {0}', n),
      following: (n) => l10n.t('Rebooting {0}: the OpenStack view follows it until it is ACTIVE', n),
    };
    case 'hardReboot': return {
      title: l10n.t('Hard-reboot instance'), placeholder: l10n.t('The instance to hard-reboot'), doing: (n) => l10n.t('Hard-rebooting {0}', n),
      following: (n) => l10n.t('Hard-rebooting {0}: the OpenStack view follows it until it is ACTIVE', n),
    };
    case 'delete': return {
      title: l10n.t('Delete instance'), placeholder: l10n.t('The instance to delete'), doing: (n) => l10n.t('Deleting {0}', n),
      following: (n) => l10n.t('Deleting {0}: the OpenStack view follows it until it is gone', n),
    };
  }
}

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

function pickFor(target: Target, action: InstanceAction): Promise<Server> {
  const statuses = STATUSES[action];
  const { title, placeholder } = wordsOf(action);
  return pickServer(target.client, {
    title, placeholder,
    empty: statuses ? l10n.t('No instance of this project is {0} right now.', statuses.join(l10n.t(' or '))) : l10n.t('This project has no instances.'),
    keep: (s) => !statuses || (statuses.includes(s.status) && !s.taskState),
  });
}

/** From a ServerNode ({ server }) or, from the palette, an instance picked from the active project. */
export async function instanceAction(deps: ProjectCommandDeps, action: InstanceAction, node?: { server?: Server }): Promise<void> {
  const target = await projectContext(node, deps);
  const server = node?.server ?? (await pickFor(target, action));
  const name = server.name || server.id;
  if (action === 'delete') {
    await confirm(l10n.t('Delete instance \'{0}\'?', name), l10n.t('Its disk and everything on it are gone for good; its floating IP goes back to the project\'s pool.'));
  }
  const words = wordsOf(action);
  await withProgress(words.doing(name), (signal) => executeInstanceAction(action, server.id, target, signal, changedIn(deps, target)));
  vscode.window.setStatusBarMessage(`$(vm) ${iconSafeText(words.following(name))}`, 6000);
}
