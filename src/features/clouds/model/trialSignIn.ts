// Add cloud's check of typed credentials: a client of its own that is closed afterwards, so that nothing (least
// of all a refused password) is stored or cached before the user has a working cloud.
import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import { OpenStackClient } from '../../../openstack/client';
import { clientOptionsFor, type ClientExtras } from '../../../openstack/clientOptions';
import { cloudFromEnvVars, type Env } from '../../../openstack/config';
import type { Project } from '../../../openstack/identity';

export interface SignedIn {
  /** What `GET /v3/auth/projects` lists: the projects the user may choose. */
  projects: Project[];
  /** The token's project: an application credential's own, or the user's default project. */
  projectId?: string;
}

/** Signs in with VARS (OS_* variables, secret included) and lists the projects; rejects with Keystone's reason. */
export async function trialSignIn(vars: Env, opts: { signal?: AbortSignal } & Pick<ClientExtras, 'onExchange' | 'proxy' | 'noProxy' | 'proxyStrictSSL'> = {}): Promise<SignedIn> {
  const cloud = cloudFromEnvVars(vars, { homeDir: os.homedir(), name: l10n.t('new cloud'), source: 'extension' });
  // no cloud name: it has none yet, and Keystone's hints read better without a placeholder one
  const client = OpenStackClient.create({ ...clientOptionsFor(cloud, { onExchange: opts.onExchange, proxy: opts.proxy, noProxy: opts.noProxy, proxyStrictSSL: opts.proxyStrictSSL }), cloud: undefined });
  try {
    await client.session.token(opts.signal);
    const projects = await client.identity.projects(opts.signal);
    return { projects: projects.sort((a, b) => a.name.localeCompare(b.name)), projectId: client.session.projectId };
  } finally {
    await client.close();
  }
}
