// What the compute, image, key pair and security group commands share: their dependencies, the
// "Copy as openstack CLI" offer, modal delete confirmations, and palette pickers.
import * as vscode from 'vscode';
import { plainText } from '../core/displayText';
import { showPick } from './shownItems';
import type { ActiveCloud } from '../context/activeCloud';
import type { CloudRegistry } from '../context/cloudRegistry';
import type { ExplorerProvider } from './tree/explorerProvider';
import type { Log } from '../context/log';
import { Cancelled } from './runCommand';
import type { Target } from '../context/target';

export interface ComputeCommandDeps {
  log: Log;
  registry: CloudRegistry;
  active: ActiveCloud;
  explorer: Pick<ExplorerProvider, 'refreshCategory'>;
}

/** Tells the tree that a category of the target's project changed (it reloads it and polls what is in transition). */
export type Changed = (kind: 'servers' | 'images' | 'keypairs' | 'securityGroups') => Promise<void>;

export function changedIn(deps: Pick<ComputeCommandDeps, 'explorer'>, target: Target): Changed {
  return (kind) => deps.explorer.refreshCategory(target.cloud, target.projectId, kind);
}

export const COPY_CLI = 'Copy as openstack CLI';

/** An information message offering the equivalent CLI line; never awaited by the command. NOTE: see copyCli. */
export function doneWithCli(message: string, cli: string, note: string | undefined): void {
  void vscode.window.showInformationMessage(plainText(message), COPY_CLI).then(async (choice) => {
    if (choice === COPY_CLI) await copyCli(cli, note);
  });
}

/** Copies CLI; NOTE (cliNote: what the lines need to run) is said with the confirmation. */
export async function copyCli(cli: string, note: string | undefined): Promise<void> {
  await vscode.env.clipboard.writeText(cli);
  if (note) void vscode.window.showInformationMessage(plainText(`Copied the openstack command line. ${note}`));
  else vscode.window.setStatusBarMessage('$(copy) Copied the openstack command line', 4000);
}

/** A modal "Delete …?"; rejects with Cancelled unless the user confirms. */
export async function confirmDelete(question: string, detail: string, action = 'Delete'): Promise<void> {
  const choice = await vscode.window.showWarningMessage(plainText(question), { modal: true, detail: plainText(detail) }, action);
  if (choice !== action) throw new Cancelled();
}

/** A one-off quick pick for the palette (not part of a multi-step input); rejects with Cancelled on Escape. */
export async function pickOne<T extends vscode.QuickPickItem>(title: string, items: T[] | Promise<T[]>, placeholder: string, empty: string): Promise<T> {
  const list = await items;
  if (list.length === 0) throw new NothingToPick(empty);
  const picked = await showPick(list, { title, placeHolder: placeholder, matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) throw new Cancelled();
  return picked;
}

/** There is nothing to act on (no servers, no key pairs): said as information, not as an error. */
export class NothingToPick extends Error {}

/** Runs a palette command's body; NothingToPick becomes an information message. */
export async function unlessNothing(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof NothingToPick)) throw err;
    void vscode.window.showInformationMessage(plainText(err.message));
  }
}
