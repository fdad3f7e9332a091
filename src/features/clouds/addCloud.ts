// OpenStack: Add Cloud…: Keystone's URL, how to sign in and the credentials, then a sign-in that lists the
// user's projects to pick from, then a name. Nothing is stored before Keystone has accepted the credentials;
// when it refuses them, its reason shows on the password (or secret) step and Back leads to the other answers.
import type * as vscode from 'vscode';
import { trialSignIn, type SignedIn } from './model/trialSignIn';
import { editorProxy } from '../../context/editorProxy';
import { logExchange } from '../../context/log';
import { ConfigError } from '../../openstack/config';
import { OpenStackError, redactUrl } from '../../openstack/errors';
import type { Project } from '../../openstack/identity';
import type { CloudCommandDeps } from './cloudCommands';
import { authUrlProblem, cloudHostName, loginVars, normaliseAuthUrl, type Login } from './model/cloudInputs';
import { GoBack, MultiStepInput, type Step } from '../../ui/multiStep';
import { askCloudName, saveCloud } from './newCloud';
import { isCancellation, withProgress } from '../../ui/runCommand';

interface MethodItem extends vscode.QuickPickItem {
  method: Login['kind'];
}

interface ProjectItem extends vscode.QuickPickItem {
  project: Project;
}

const METHODS: MethodItem[] = [
  { label: 'Password', description: 'user name and password', method: 'password' },
  { label: 'Application credential', description: 'ID and secret, e.g. from Horizon: Identity › Application Credentials', method: 'applicationCredential' },
];

const required = (what: string) => (value: string) => (value.trim() ? undefined : `Enter ${what}`);

export async function addCloud(deps: CloudCommandDeps): Promise<void> {
  const answers = {
    authUrl: 'https://', method: 'password' as Login['kind'], userDomain: 'Default', username: '', password: '', credentialId: '', credentialSecret: '',
  };
  let project: Project | undefined;
  let name = '';
  // the last accepted sign-in, so that Back from the name to the project does not sign in again
  let signedIn: { vars: string; result: SignedIn } | undefined;

  const login = (): Login => answers.method === 'password'
    ? { kind: 'password', authUrl: answers.authUrl, userDomain: answers.userDomain.trim(), username: answers.username.trim(), password: answers.password }
    : { kind: 'applicationCredential', authUrl: answers.authUrl, id: answers.credentialId.trim(), secret: answers.credentialSecret };
  const host = () => cloudHostName(answers.authUrl) ?? answers.authUrl;

  const signIn = async (): Promise<SignedIn> => {
    const vars = loginVars(login());
    if (signedIn?.vars === JSON.stringify(vars)) return signedIn.result;
    try {
      const result = await withProgress(`Signing in to ${host()}…`, (signal) =>
        trialSignIn(vars, { signal, onExchange: (e) => logExchange(deps.log, host(), e), ...editorProxy() }));
      signedIn = { vars: JSON.stringify(vars), result };
      return result;
    } catch (err) {
      // cancelling the sign-in returns to the answers rather than dropping them
      if (isCancellation(err)) throw new GoBack();
      if (!(err instanceof OpenStackError || err instanceof ConfigError)) throw err;
      deps.log.warn(`Add cloud: signing in to ${redactUrl(answers.authUrl)} failed: ${err.message}`);
      throw new GoBack(err.message);
    }
  };

  const nameStep: Step = async (input) => {
    name = await askCloudName(input, deps, host());
    return undefined;
  };

  const projectStep: Step = async (input) => {
    const { projects, projectId } = await signIn();
    if (!projects.length) throw new GoBack(`${answers.username} has no role in any project: ask the cloud's administrators for one`);
    const items: ProjectItem[] = projects.map((p) => ({ label: p.name, description: p.description, project: p }));
    const preferred = project?.id ?? projectId;
    project = (await input.quickPick({
      placeholder: 'The project to work in (OpenStack: Select Cloud… switches later)',
      items,
      active: items.find((i) => i.project.id === preferred),
      matchOnDescription: true,
    })).project;
    return nameStep;
  };

  const password: Step = async (input) => {
    answers.password = await input.inputBox({
      prompt: `Password of ${answers.username.trim()} (kept in the editor's secret storage)`,
      value: answers.password, password: true, validate: required('the password'),
    });
    return projectStep;
  };

  const username: Step = async (input) => {
    answers.username = await input.inputBox({ prompt: 'User name (OS_USERNAME)', value: answers.username, validate: required('the user name') });
    return password;
  };

  const userDomain: Step = async (input) => {
    answers.userDomain = await input.inputBox({
      prompt: "The user's domain (OS_USER_DOMAIN_NAME): Default unless the cloud has others",
      value: answers.userDomain, validate: required('the domain name'),
    });
    return username;
  };

  // the credential is bound to one project: no project to pick, only its name to learn
  const credentialName: Step = async (input) => {
    const { projects, projectId } = await signIn();
    project = projects.find((p) => p.id === projectId);
    return nameStep(input);
  };

  const credentialSecret: Step = async (input) => {
    answers.credentialSecret = await input.inputBox({
      prompt: "Application credential secret (kept in the editor's secret storage)",
      value: answers.credentialSecret, password: true, validate: required('the secret'),
    });
    return credentialName;
  };

  const credentialId: Step = async (input) => {
    answers.credentialId = await input.inputBox({
      prompt: 'Application credential ID (OS_APPLICATION_CREDENTIAL_ID)', value: answers.credentialId, validate: required('the ID'),
    });
    return credentialSecret;
  };

  const method: Step = async (input) => {
    answers.method = (await input.quickPick({
      placeholder: 'How to sign in',
      items: METHODS,
      active: METHODS.find((m) => m.method === answers.method),
    })).method;
    return answers.method === 'password' ? userDomain : credentialId;
  };

  const authUrl: Step = async (input) => {
    const end = answers.authUrl.length;
    answers.authUrl = normaliseAuthUrl(await input.inputBox({
      prompt: "Keystone's URL (OS_AUTH_URL); it usually ends in /v3",
      placeholder: 'https://keystone.example.com:5000/v3',
      value: answers.authUrl, valueSelection: [end, end], validate: authUrlProblem,
    }));
    return method;
  };

  await MultiStepInput.run('Add cloud', () => (answers.method === 'password' ? 7 : 5), authUrl);
  await saveCloud(deps, name, loginVars(login(), project), project && { id: project.id, name: project.name });
}
