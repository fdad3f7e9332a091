// OpenStack: Import openrc File…: the variables an openrc file sets (read, never run), the password it would
// prompt for, and a name. The cloud is checked as a clouds.yaml cloud is before anything is asked or saved.
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
    title: 'Import openrc file',
    openLabel: 'Import',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    // dialogs filter by extension only: files named like `openrc` without one are under "All files"
    filters: { 'openrc files': ['sh', 'openrc'], 'All files': ['*'] },
  })) ?? [];
  if (!file) throw new Cancelled();
  const fileName = path.basename(file.fsPath);
  const openrc = parseOpenrc(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  const vars = openrcCloudVars(openrc.vars);
  if (!Object.keys(vars).length) throw new ConfigError('bad-cloud', `${fileName} sets no OS_* variables: is it an openrc file?`);

  const cloud = (name: string, extra: Env = {}): CloudConfig =>
    cloudFromEnvVars({ ...vars, ...extra }, { homeDir: os.homedir(), name, source: 'extension' });
  const secretKind = missingSecret(cloud(fileName));
  const secretVar = secretKind && SECRET_VARS[secretKind];
  // everything but the secret, which the user is about to type
  const problems = validateCloud(cloud(fileName, secretVar ? { [secretVar]: 'typed next' } : {}));
  if (problems.length) {
    const unresolved = openrc.unresolved.length ? ` (${fileName} sets ${openrc.unresolved.join(', ')} with shell commands, which are not run)` : '';
    throw new ConfigError(problems[0].code, `${problems.map((p) => p.message).join('; ')}${unresolved}`);
  }

  let secret = '';
  let name = '';
  const secretStep: FlowStep<unknown> = {
    when: () => !!secretVar,
    async ask(input) {
      secret = await input.inputBox({
        prompt: secretPrompt(cloud(fileName), fileName), value: secret, password: true,
        validate: (v) => (v ? undefined : `Enter the ${secretKind === 'password' ? 'password' : 'secret'}`),
      });
    },
  };
  const nameStep: FlowStep<unknown> = {
    async ask(input) {
      name = await askCloudName(input, deps, openrcCloudName(vars, fileName));
    },
  };
  await runFlow(`Import ${fileName}`, undefined, [secretStep, nameStep]);
  await saveCloud(deps, name, secretVar ? { ...vars, [secretVar]: secret } : vars);
}

function secretPrompt(cloud: CloudConfig, fileName: string): string {
  const kept = "kept in the editor's secret storage";
  if (cloud.authType === 'v3applicationcredential') {
    return `Secret of application credential ${cloud.auth.applicationCredentialId ?? cloud.auth.applicationCredentialName ?? ''} (${kept})`;
  }
  if (cloud.authType === 'v3token' || cloud.authType === 'token') return `Token (e.g. from \`openstack token issue\`), which ${fileName} asks for (${kept})`;
  const project = configuredProject(cloud);
  return `Password of ${cloud.auth.username ?? cloud.auth.userId ?? 'the user'}${project ? ` in project ${project}` : ''}, which ${fileName} asks for (${kept})`;
}
