// How Add cloud and Import openrc end: a unique name, then the cloud is saved (its secret in SecretStorage),
// the clouds are reloaded, and it becomes the active cloud.
import * as l10n from '@vscode/l10n';
import type { ActiveProject } from '../../context/activeCloud';
import type { CloudCommandDeps } from '../../ui/commandKit';
import { cloudNameProblem, uniqueName } from './model/cloudInputs';
import type { MultiStepInput } from '../../ui/multiStep';

export async function askCloudName(input: MultiStepInput, deps: CloudCommandDeps, base: string): Promise<string> {
  // added clouds that a clouds.yaml cloud of the same name hides are taken too: saving would replace them
  const taken = [...deps.registry.clouds, ...deps.store.list()].map((c) => c.name);
  const name = await input.inputBox({
    prompt: l10n.t('A name for the cloud, as shown in the OpenStack view and the status bar'),
    value: uniqueName(base, taken),
    validate: (typed) => cloudNameProblem(typed, taken),
  });
  return name.trim();
}

export async function saveCloud(deps: CloudCommandDeps, name: string, vars: Record<string, string>, project?: ActiveProject): Promise<void> {
  await deps.store.save(name, vars);
  await deps.registry.load();
  await deps.active.set(name, project);
  deps.log.info(`added cloud ${name}`);
}
