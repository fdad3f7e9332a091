// OpenStack: Import openrc File…: the variables an openrc file sets (read, never run), the password it would
// prompt for, and a name. The cloud is checked as a clouds.yaml cloud is before anything is asked or saved.
import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { configuredProject } from '../../context/activeCloud';
import { missingSecret } from '../../openstack/clientOptions';
import { cloudFromEnvVars, ConfigError, parseOpenrc, SECRET_VARS, validateCloud, type CloudConfig, type Env } from '../../openstack/config';
import type { CloudCommandDeps } from '../../ui/commandKit';
import { openrcCloudName, openrcCloudVars } from './model/cloudInputs';
import { runFlow, type FlowStep } from '../../ui/flow';
import { askCloudName, saveCloud } from './newCloud';
import { Cancelled } from '../../core/cancelled';

export async function importOpenrc(deps: CloudCommandDeps): Promise<void> {
  const [file] = (await vscode.window.showOpenDialog({
    title: l10n.t('Import openrc file'),
    openLabel: l10n.t('Import'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    // dialogs filter by extension only: files named like `openrc` without one are under "All files"
    filters: { [l10n.t('openrc files')]: ['sh', 'openrc'], [l10n.t('All files')]: ['*'] },
  })) ?? [];
  if (!file) throw new Cancelled();
  const fileName = path.basename(file.fsPath);
  const openrc = parseOpenrc(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  const vars = openrcCloudVars(openrc.vars);
  if (!Object.keys(vars).length) throw new ConfigError('bad-cloud', l10n.t('{0} sets no OS_* variables: is it an openrc file?', fileName));

  const cloud = (name: string, extra: Env = {}): CloudConfig =>
    cloudFromEnvVars({ ...vars, ...extra }, { homeDir: os.homedir(), name, source: 'extension' });
  const secretKind = missingSecret(cloud(fileName));
  const secretVar = secretKind && SECRET_VARS[secretKind];
  // everything but the secret, which the user is about to type
  const problems = validateCloud(cloud(fileName, secretVar ? { [secretVar]: 'typed next' } : {}));
  if (problems.length) {
    const unresolved = openrc.unresolved.length
      ? l10n.t({ message: ' ({0} sets {1} with shell commands, which are not run)', args: [fileName, openrc.unresolved.join(', ')], comment: ['Follows the problems found; the leading space separates them in English.'] })
      : '';
    throw new ConfigError(problems[0].code, `${problems.map((p) => p.message).join('; ')}${unresolved}`);
  }

  let secret = '';
  let name = '';
  const secretStep: FlowStep<unknown> = {
    when: () => !!secretVar,
    async ask(input) {
      secret = await input.inputBox({
        prompt: secretPrompt(cloud(fileName), fileName), value: secret, password: true,
        validate: (v) => (v ? undefined : secretKind === 'password' ? l10n.t('Enter the password') : l10n.t('Enter the secret')),
      });
    },
  };
  const nameStep: FlowStep<unknown> = {
    async ask(input) {
      name = await askCloudName(input, deps, openrcCloudName(vars, fileName));
    },
  };
  await runFlow(l10n.t('Import {0}', fileName), undefined, [secretStep, nameStep]);
  await saveCloud(deps, name, secretVar ? { ...vars, [secretVar]: secret } : vars);
}

function secretPrompt(cloud: CloudConfig, fileName: string): string {
  if (cloud.authType === 'v3applicationcredential') {
    return l10n.t("Secret of application credential {0} (kept in the editor's secret storage)", cloud.auth.applicationCredentialId ?? cloud.auth.applicationCredentialName ?? '');
  }
  if (cloud.authType === 'v3token' || cloud.authType === 'token') {
    return l10n.t("Token (e.g. from `openstack token issue`), which {0} asks for (kept in the editor's secret storage)", fileName);
  }
  const user = cloud.auth.username ?? cloud.auth.userId ?? l10n.t('the user');
  const project = configuredProject(cloud);
  return project
    ? l10n.t("Password of {0} in project {1}, which {2} asks for (kept in the editor's secret storage)", user, project, fileName)
    : l10n.t("Password of {0}, which {1} asks for (kept in the editor's secret storage)", user, fileName);
}
