// OpenStack: Add Cloud…: Keystone's URL, how to sign in and the credentials, then a sign-in that lists the
// user's projects to pick from, then a name. Nothing is stored before Keystone has accepted the credentials;
// when it refuses them, its reason shows on the password (or secret) step and Back leads to the other answers.
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { trialSignIn, type SignedIn } from './model/trialSignIn';
import { editorProxy } from '../../context/editorProxy';
import { logExchange } from '../../context/log';
import { ConfigError } from '../../openstack/config';
import { OpenStackError, redactUrl } from '../../openstack/errors';
import type { Project } from '../../openstack/identity';
import type { CloudCommandDeps } from '../../ui/commandKit';
import { authUrlProblem, cloudHostName, loginVars, normaliseAuthUrl, type Login } from './model/cloudInputs';
import { runFlow, type FlowStep } from '../../ui/flow';
import { GoBack } from '../../ui/multiStep';
import { askCloudName, saveCloud } from './newCloud';
import { isCancellation, withProgress } from '../../ui/runCommand';

interface MethodItem extends vscode.QuickPickItem {
  method: Login['kind'];
}

interface ProjectItem extends vscode.QuickPickItem {
  project: Project;
}

const methods = (): MethodItem[] => [
  { label: l10n.t('Password'), description: l10n.t('user name and password'), method: 'password' },
  { label: l10n.t('Application credential'), description: l10n.t('ID and secret, e.g. from Horizon: Identity › Application Credentials'), method: 'applicationCredential' },
];

/** Refuses an empty answer with MESSAGE. */
const required = (message: string) => (value: string) => (value.trim() ? undefined : message);

/** The answers of Add cloud, and the last accepted sign-in (so that Back from the name does not sign in again). */
interface CloudAnswers {
  deps: CloudCommandDeps;
  authUrl: string;
  method: Login['kind'];
  userDomain: string;
  username: string;
  password: string;
  credentialId: string;
  credentialSecret: string;
  project?: Project;
  name: string;
  signedIn?: { vars: string; result: SignedIn };
}

const loginOf = (a: CloudAnswers): Login => a.method === 'password'
  ? { kind: 'password', authUrl: a.authUrl, userDomain: a.userDomain.trim(), username: a.username.trim(), password: a.password }
  : { kind: 'applicationCredential', authUrl: a.authUrl, id: a.credentialId.trim(), secret: a.credentialSecret };
const hostOf = (a: CloudAnswers) => cloudHostName(a.authUrl) ?? a.authUrl;
const byPassword = (a: CloudAnswers) => a.method === 'password';
const byCredential = (a: CloudAnswers) => a.method === 'applicationCredential';

/** Signs in with the answers (once per set of answers); a refusal or a cancel goes back to the step before, with Keystone's reason. */
async function signIn(a: CloudAnswers): Promise<SignedIn> {
  const vars = loginVars(loginOf(a));
  if (a.signedIn?.vars === JSON.stringify(vars)) return a.signedIn.result;
  try {
    const result = await withProgress(l10n.t('Signing in to {0}…', hostOf(a)), (signal) =>
      trialSignIn(vars, { signal, onExchange: (e) => logExchange(a.deps.log, hostOf(a), e), ...editorProxy() }));
    a.signedIn = { vars: JSON.stringify(vars), result };
    return result;
  } catch (err) {
    // cancelling the sign-in returns to the answers rather than dropping them
    if (isCancellation(err)) throw new GoBack();
    if (!(err instanceof OpenStackError || err instanceof ConfigError)) throw err;
    a.deps.log.warn(`Add cloud: signing in to ${redactUrl(a.authUrl)} failed: ${err.message}`);
    throw new GoBack(err.message);
  }
}

const authUrlStep: FlowStep<CloudAnswers> = {
  async ask(input, a) {
    const end = a.authUrl.length;
    a.authUrl = normaliseAuthUrl(await input.inputBox({
      prompt: l10n.t("Keystone's URL (OS_AUTH_URL); it usually ends in /v3"),
      placeholder: 'https://keystone.example.com:5000/v3',
      value: a.authUrl, valueSelection: [end, end], validate: authUrlProblem,
    }));
  },
};

const methodStep: FlowStep<CloudAnswers> = {
  async ask(input, a) {
    const items = methods();
    a.method = (await input.quickPick({ placeholder: l10n.t('How to sign in'), items, active: items.find((m) => m.method === a.method) })).method;
  },
};

const userDomainStep: FlowStep<CloudAnswers> = {
  when: byPassword,
  async ask(input, a) {
    a.userDomain = await input.inputBox({
      prompt: l10n.t("The user's domain (OS_USER_DOMAIN_NAME): Default unless the cloud has others"),
      value: a.userDomain, validate: required(l10n.t('Enter the domain name')),
    });
  },
};

const usernameStep: FlowStep<CloudAnswers> = {
  when: byPassword,
  async ask(input, a) {
    a.username = await input.inputBox({ prompt: l10n.t('User name (OS_USERNAME)'), value: a.username, validate: required(l10n.t('Enter the user name')) });
  },
};

const passwordStep: FlowStep<CloudAnswers> = {
  when: byPassword,
  async ask(input, a) {
    a.password = await input.inputBox({
      prompt: l10n.t("Password of {0} (kept in the editor's secret storage)", a.username.trim()),
      value: a.password, password: true, validate: required(l10n.t('Enter the password')),
    });
  },
};

const credentialIdStep: FlowStep<CloudAnswers> = {
  when: byCredential,
  async ask(input, a) {
    a.credentialId = await input.inputBox({
      prompt: l10n.t('Application credential ID (OS_APPLICATION_CREDENTIAL_ID)'), value: a.credentialId, validate: required(l10n.t('Enter the ID')),
    });
  },
};

const credentialSecretStep: FlowStep<CloudAnswers> = {
  when: byCredential,
  async ask(input, a) {
    a.credentialSecret = await input.inputBox({
      prompt: l10n.t("Application credential secret (kept in the editor's secret storage)"),
      value: a.credentialSecret, password: true, validate: required(l10n.t('Enter the secret')),
    });
  },
};

const projectStep: FlowStep<CloudAnswers> = {
  when: byPassword,
  async ask(input, a) {
    const { projects, projectId } = await signIn(a);
    if (!projects.length) throw new GoBack(l10n.t("{0} has no role in any project: ask the cloud's administrators for one", a.username));
    const items: ProjectItem[] = projects.map((p) => ({ label: p.name, description: p.description, project: p }));
    const preferred = a.project?.id ?? projectId;
    a.project = (await input.quickPick({
      placeholder: l10n.t('The project to work in (OpenStack: Select Cloud… switches later)'),
      items,
      active: items.find((i) => i.project.id === preferred),
      matchOnDescription: true,
    })).project;
  },
};

const nameStep: FlowStep<CloudAnswers> = {
  async ask(input, a) {
    // an application credential is bound to one project: no project to pick, only its name to learn by signing in
    if (byCredential(a)) {
      const { projects, projectId } = await signIn(a);
      a.project = projects.find((p) => p.id === projectId);
    }
    a.name = await askCloudName(input, a.deps, hostOf(a));
  },
};

/** URL → method → (domain → user → password → project | credential ID → secret) → name. */
const ADD_CLOUD_STEPS = [
  authUrlStep, methodStep, userDomainStep, usernameStep, passwordStep, credentialIdStep, credentialSecretStep, projectStep, nameStep,
];

export async function addCloud(deps: CloudCommandDeps): Promise<void> {
  const a: CloudAnswers = {
    deps, authUrl: 'https://', method: 'password', userDomain: 'Default', username: '', password: '', credentialId: '', credentialSecret: '', name: '',
  };
  await runFlow(l10n.t('Add cloud'), a, ADD_CLOUD_STEPS);
  await saveCloud(deps, a.name, loginVars(loginOf(a), a.project), a.project && { id: a.project.id, name: a.project.name });
}
