// Registers the commands that build the student's compute side: images, key pairs, security groups, launching
// instances and their power actions, volumes and their snapshots. Each takes a tree node (context menus) or nothing (palette: the active
// cloud and project), and a file Uri where a file is what it starts from (Explorer context menu).
import type * as vscode from 'vscode';
import type { Server } from '../openstack/computeModels';
import type { ProjectCommandDeps } from '../ui/commandKit';
import { deleteImage, uploadImage } from './images/imageCommands';
import { instanceAction } from './instances/instanceActions';
import { deleteKeypair, importKeypair } from './keypairs/keypairCommands';
import { launchInstance } from './instances/launchInstance';
import { registerCommand } from '../ui/runCommand';
import { volumeCommands } from './volumes/volumeCommands';
import { addSecurityGroupRule, createSecurityGroup, deleteSecurityGroup, deleteSecurityGroupRule } from './securityGroups/securityGroupCommands';

/** A ServerNode, or nothing from the palette. */
type ServerArg = { server?: Server };

export function registerComputeCommands(deps: ProjectCommandDeps): vscode.Disposable[] {
  const command = (id: string, handler: (...args: never[]) => unknown) => registerCommand(deps.log, id, handler);
  return [
    command('openstack.uploadImage', (arg?: unknown) => uploadImage(deps, arg)),
    command('openstack.deleteImage', (node: Parameters<typeof deleteImage>[1]) => deleteImage(deps, node)),
    command('openstack.importKeypair', (arg?: unknown) => importKeypair(deps, arg)),
    command('openstack.deleteKeypair', (node?: Parameters<typeof deleteKeypair>[1]) => deleteKeypair(deps, node)),
    command('openstack.createSecurityGroup', (node?: unknown) => createSecurityGroup(deps, node)),
    command('openstack.addSecurityGroupRule', (node?: Parameters<typeof addSecurityGroupRule>[1]) => addSecurityGroupRule(deps, node)),
    command('openstack.deleteSecurityGroupRule', (node: Parameters<typeof deleteSecurityGroupRule>[1]) => deleteSecurityGroupRule(deps, node)),
    command('openstack.deleteSecurityGroup', (node?: Parameters<typeof deleteSecurityGroup>[1]) => deleteSecurityGroup(deps, node)),
    command('openstack.launchInstance', (node?: unknown) => launchInstance(deps, node)),
    command('openstack.startInstance', (node?: ServerArg) => instanceAction(deps, 'start', node)),
    command('openstack.stopInstance', (node?: ServerArg) => instanceAction(deps, 'stop', node)),
    command('openstack.rebootInstance', (node?: ServerArg) => instanceAction(deps, 'softReboot', node)),
    command('openstack.hardRebootInstance', (node?: ServerArg) => instanceAction(deps, 'hardReboot', node)),
    command('openstack.deleteInstance', (node?: ServerArg) => instanceAction(deps, 'delete', node)),
    ...volumeCommands(deps).map(([id, handler]) => command(id, handler)),
  ];
}
