// The "Build your first OpenStack network" walkthrough (package.json contributes.walkthroughs): its progress,
// kept from what the cloud lists, and "OpenStack: Open Walkthrough".
import * as vscode from 'vscode';
import { registerCommand } from '../../ui/runCommand';
import { WALKTHROUGH_ID } from './model/steps';
import { WalkthroughProgress, type WalkthroughDeps } from './walkthroughProgress';

export function registerWalkthrough(deps: WalkthroughDeps): { progress: WalkthroughProgress; disposables: vscode.Disposable[] } {
  const progress = new WalkthroughProgress(deps);
  const open = registerCommand(deps.log, 'openstack.openWalkthrough', () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false));
  return { progress, disposables: [progress, open] };
}
