// The "Build your first OpenStack network" walkthrough (package.json contributes.walkthroughs): its progress,
// kept from what the cloud lists, and "OpenStack: Open Walkthrough".
import * as vscode from 'vscode';
import { registerCommand } from '../../ui/runCommand';
import { WalkthroughProgress, type WalkthroughDeps } from './walkthroughProgress';

/** publisher.name#walkthrough id, as package.json declares them. */
export const WALKTHROUGH_ID = 'openstack-explorer.openstack-explorer#firstNetwork';

export function registerWalkthrough(deps: WalkthroughDeps): { progress: WalkthroughProgress; disposables: vscode.Disposable[] } {
  const progress = new WalkthroughProgress(deps);
  const open = registerCommand(deps.log, 'openstack.openWalkthrough', () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false));
  return { progress, disposables: [progress, open] };
}
