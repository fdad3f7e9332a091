// Clouds the user adds in the extension (Add cloud, Import openrc): their settings in globalState, their
// secrets in SecretStorage only. Also remembers secrets typed for clouds.yaml clouds that have none.
import * as vscode from 'vscode';
import { cloudFromEnvVars, isSecretVar, type CloudConfig, type Env } from '../openstack/config';
import * as os from 'node:os';

const CLOUDS_KEY = 'openstack.addedClouds';
const secretKey = (cloud: string) => `openstack.secret/${cloud}`;

/** What is stored per added cloud: OS_* style variables without the password or secret. */
export interface StoredCloud {
  name: string;
  vars: Record<string, string>;
}

export class CloudStore {
  constructor(private readonly context: vscode.ExtensionContext) {}

  list(): StoredCloud[] {
    return this.context.globalState.get<StoredCloud[]>(CLOUDS_KEY, []);
  }

  /** Adds or replaces NAME; a secret among VARS goes to SecretStorage. */
  async save(name: string, vars: Env): Promise<void> {
    const plain: Record<string, string> = {};
    let secret: string | undefined;
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) continue;
      if (isSecretVar(k)) secret = v;
      else plain[k] = v;
    }
    await this.context.globalState.update(CLOUDS_KEY, [...this.list().filter((c) => c.name !== name), { name, vars: plain }]);
    if (secret !== undefined) await this.setSecret(name, secret);
  }

  async remove(name: string): Promise<void> {
    await this.context.globalState.update(CLOUDS_KEY, this.list().filter((c) => c.name !== name));
    await this.deleteSecret(name);
  }

  toConfig(stored: StoredCloud): CloudConfig {
    return cloudFromEnvVars(stored.vars, { homeDir: os.homedir(), name: stored.name, source: 'extension' });
  }

  getSecret(cloud: string): Thenable<string | undefined> {
    return this.context.secrets.get(secretKey(cloud));
  }

  setSecret(cloud: string, secret: string): Thenable<void> {
    return this.context.secrets.store(secretKey(cloud), secret);
  }

  deleteSecret(cloud: string): Thenable<void> {
    return this.context.secrets.delete(secretKey(cloud));
  }
}
