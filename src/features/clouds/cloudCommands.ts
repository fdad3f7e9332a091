// The palette commands that add, import, remove and switch clouds, and open clouds.yaml.
import type * as vscode from 'vscode';
import { addCloud } from './addCloud';
import { importOpenrc } from './importOpenrc';
import { openCloudsYaml } from './openCloudsYaml';
import { removeCloud } from './removeCloud';
import { registerCommand } from '../../ui/runCommand';
import { selectCloud } from './selectCloud';
import { CloudCommandDeps } from '../../ui/commandKit';

export function registerCloudCommands(deps: CloudCommandDeps): vscode.Disposable[] {
  return [
    registerCommand(deps.log, 'openstack.addCloud', () => addCloud(deps)),
    registerCommand(deps.log, 'openstack.importOpenrc', () => importOpenrc(deps)),
    registerCommand(deps.log, 'openstack.openCloudsYaml', () => openCloudsYaml(deps.registry)),
    registerCommand(deps.log, 'openstack.removeCloud', (target?: unknown) => removeCloud(deps, cloudNameOf(target))),
    registerCommand(deps.log, 'openstack.selectCloud', () => selectCloud(deps)),
  ];
}

// A cloud node of the tree ({ cloud: CloudConfig }) or a cloud's name; from the palette, nothing: the user picks.
function cloudNameOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  const name = (target as { cloud?: { name?: unknown } } | undefined)?.cloud?.name;
  return typeof name === 'string' ? name : undefined;
}
