// What every command shares: the services it may use, "this category changed" for the tree, the "Copy as
// openstack CLI" offer once a change is done, and the modal confirmation before anything is deleted.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ActiveCloud } from '../context/activeCloud';
import type { CloudRegistry } from '../context/cloudRegistry';
import type { CloudStore } from '../context/cloudStore';
import type { Log } from '../context/log';
import { Cancelled } from '../core/cancelled';
import { iconSafeText, plainText } from '../core/displayText';
import type { Target } from '../core/target';
import type { ExplorerProvider } from './tree/explorerProvider';

/** The services a command may use (made once, in extension.ts); each feature's commands take the part they need. */
export interface CommandServices {
  log: Log;
  registry: CloudRegistry;
  store: CloudStore;
  active: ActiveCloud;
  explorer: Pick<ExplorerProvider, 'refreshCategory'>;
}

/** What the commands on a project's resources (networks, instances, images, …) use. */
export type ProjectCommandDeps = Pick<CommandServices, 'log' | 'registry' | 'active' | 'explorer'>;

/** What the commands that add, import, remove and choose clouds use. */
export type CloudCommandDeps = Pick<CommandServices, 'registry' | 'store' | 'log' | 'active'>;

/** Tells the tree that a category of the target's project changed (it reloads it and polls what is in transition). */
export type Changed = (kind: 'servers' | 'images' | 'keypairs' | 'securityGroups' | 'volumes') => Promise<void>;

export function changedIn(deps: Pick<CommandServices, 'explorer'>, target: Target): Changed {
  return (kind) => deps.explorer.refreshCategory(target.cloud, target.projectId, kind);
}

/** The button that offers a done change's command line. */
export const copyCliLabel = (): string => l10n.t('Copy as openstack CLI');

/**
 * Says MESSAGE once a change is done: with CLI, as information offering the equivalent command line (never
 * awaited); else in the status bar. NOTE: see copyCli.
 */
export function done(message: string, cli?: string, note?: string): void {
  if (!cli) {
    vscode.window.setStatusBarMessage(`$(check) ${iconSafeText(message)}`, 5000);
    return;
  }
  const copy = copyCliLabel();
  void vscode.window.showInformationMessage(plainText(message), copy).then(async (choice) => {
    if (choice === copy) await copyCli(cli, note);
  });
}

/** Copies CLI; NOTE (cliNote: what the lines need to run) is said with the confirmation. */
export async function copyCli(cli: string, note?: string): Promise<void> {
  await vscode.env.clipboard.writeText(cli);
  if (note) void vscode.window.showInformationMessage(plainText(l10n.t('Copied the openstack command line. {0}', note)));
  else vscode.window.setStatusBarMessage(`$(copy) ${l10n.t('Copied the openstack command line')}`, 4000);
}

/** A modal QUESTION with its DETAIL; rejects with Cancelled unless the user chooses ACTION. */
export async function confirm(question: string, detail: string, action = l10n.t('Delete')): Promise<void> {
  const choice = await vscode.window.showWarningMessage(plainText(question), { modal: true, detail: plainText(detail) }, action);
  if (choice !== action) throw new Cancelled();
}
