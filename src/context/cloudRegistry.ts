// Every cloud the user has: clouds.yaml/secure.yaml and OS_* variables (read as openstacksdk does) plus the
// clouds added in the extension. Watches the config files, and hands out one client per cloud and project
// so that a token is reused for its whole lifetime.
import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { logExchange, type Log } from './log';
import { plainText } from '../core/displayText';
import { OpenStackClient } from '../openstack/client';
import { clientOptionsFor, missingSecret, type SecretKind } from '../openstack/clientOptions';
import { configSearchDirs, ConfigError, loadCloudConfig, type CloudConfig } from '../openstack/config';
import { OpenStackError } from '../openstack/errors';
import { Cancelled } from '../core/cancelled';
import type { CloudStore } from './cloudStore';
import { affectsProxy, editorProxy } from './editorProxy';

export class CloudRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cloudList: CloudConfig[] = [];
  private loadProblems: ConfigError[] = [];
  private cloudsFile: string | undefined;
  private defaultName: string | undefined;
  private readonly clients = new Map<string, Promise<OpenStackClient>>();
  private readonly watchers: vscode.Disposable[] = [];
  private loaded = false;
  // A new proxy setting takes effect with new connections: every client starts over.
  private readonly settingsWatch = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!affectsProxy(e)) return;
    void this.closeClients().then(() => this.changed.fire());
  });

  constructor(private readonly store: CloudStore, private readonly log: Log) {}

  get clouds(): readonly CloudConfig[] {
    return this.cloudList;
  }

  get problems(): readonly ConfigError[] {
    return this.loadProblems;
  }

  /** The clouds.yaml in use, if any. */
  get configFile(): string | undefined {
    return this.cloudsFile;
  }

  /** OS_CLOUD, when it names a known cloud. */
  get defaultCloud(): string | undefined {
    return this.defaultName;
  }

  cloud(name: string): CloudConfig | undefined {
    return this.cloudList.find((c) => c.name === name);
  }

  async load(): Promise<void> {
    const host = { env: process.env, cwd: workspaceDir(), homeDir: os.homedir(), platform: process.platform };
    const result = await loadCloudConfig(host);
    const added: CloudConfig[] = [];
    for (const stored of this.store.list()) {
      if (result.clouds.has(stored.name)) continue;   // the file wins over an added cloud of the same name
      try {
        added.push(this.store.toConfig(stored));
      } catch (err) {
        if (err instanceof ConfigError) result.problems.push(err);
        else throw err;
      }
    }
    const before = new Map(this.cloudList.map((c) => [c.name, fingerprint(c)]));
    this.cloudList = [...result.clouds.values(), ...added];
    // clients of unchanged clouds keep their tokens and connections; the others start over
    const now = new Map(this.cloudList.map((c) => [c.name, fingerprint(c)]));
    for (const [name, print] of before) if (now.get(name) !== print) await this.forget(name);
    const same = this.loaded && before.size === now.size && [...now].every(([name, print]) => before.get(name) === print);
    this.loaded = true;
    this.loadProblems = result.problems;
    this.cloudsFile = result.files.clouds;
    this.defaultName = result.defaultCloud;
    for (const p of result.problems) this.log.warn(`clouds configuration: ${p.message}`);
    this.watch(host, [result.files.clouds, result.files.secure]);
    // a save that changes no cloud (or a rewrite with the same content) keeps the tree and its polling as they are
    if (!same) this.changed.fire();
  }

  /** The client scoped as the cloud is configured; asks for a missing password once and keeps it in SecretStorage. */
  client(cloudName: string): Promise<OpenStackClient> {
    return this.cached(cloudName, async () => {
      const cloud = this.cloud(cloudName);
      if (!cloud) throw new ConfigError('unknown-cloud', l10n.t("There is no cloud named '{0}' any more; refresh the OpenStack view.", cloudName));
      const secretName = missingSecret(cloud);
      const secret = secretName ? await this.secretFor(cloud, secretName) : undefined;
      const client = OpenStackClient.create(clientOptionsFor(cloud, {
        [secretName ?? 'password']: secret,
        onExchange: (e) => logExchange(this.log, cloud.name, e),
        onWarning: (text) => this.log.warn(`cloud ${cloud.name}: ${text}`),
        ...editorProxy(),
      }));
      try {
        await client.session.token();
      } catch (err) {
        // nothing is cached after a refused secret: the next try asks again
        if (secretName && err instanceof OpenStackError && err.kind === 'auth') await this.store.deleteSecret(cloud.name);
        throw err;
      }
      client.readVersions();
      return client;
    });
  }

  /** The same user in PROJECTID, over the cloud's connections; the configured project reuses the cloud's client. */
  projectClient(cloudName: string, projectId: string): Promise<OpenStackClient> {
    return this.cached(`${cloudName}\u0000${projectId}`, async () => {
      const base = await this.client(cloudName);
      if (base.session.projectId === projectId) return base;
      const scoped = await base.rescope(projectId);
      scoped.readVersions();
      return scoped;
    });
  }

  /** Drops cached clients (and their tokens) of one cloud, e.g. before a retry after a restart. */
  async forget(cloudName: string): Promise<void> {
    for (const key of [...this.clients.keys()]) {
      if (key === cloudName) (await this.clients.get(key)?.catch(() => undefined))?.close().catch(() => undefined);
      if (key === cloudName || key.startsWith(`${cloudName}\u0000`)) this.clients.delete(key);
    }
  }

  dispose(): void {
    this.settingsWatch.dispose();
    this.changed.dispose();
    vscode.Disposable.from(...this.watchers).dispose();
    void this.closeClients();
  }

  private cached(key: string, create: () => Promise<OpenStackClient>): Promise<OpenStackClient> {
    let client = this.clients.get(key);
    if (!client) {
      client = create();
      this.clients.set(key, client);
      // a failed attempt is not cached: Retry tries again
      client.catch(() => { if (this.clients.get(key) === client) this.clients.delete(key); });
    }
    return client;
  }

  private async secretFor(cloud: CloudConfig, kind: SecretKind): Promise<string> {
    const stored = await this.store.getSecret(cloud.name);
    if (stored) return stored;
    const what = SECRET_NAMES[kind](cloud);
    const typed = await vscode.window.showInputBox({
      title: plainText(l10n.t('OpenStack: sign in to {0}', cloud.name)),
      prompt: plainText(l10n.t({ message: "Enter {0} for cloud '{1}' (kept in the editor's secret storage, never in settings or files).", args: [what, cloud.name], comment: ['{0} the password of a user, the application credential secret or a token'] })),
      password: true,
      ignoreFocusOut: true,
    });
    if (!typed) throw new Cancelled();
    await this.store.setSecret(cloud.name, typed);
    return typed;
  }

  private async closeClients(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.then((client) => client.close(), () => undefined).catch(() => undefined)));
  }

  private watch(host: Parameters<typeof configSearchDirs>[0], files: (string | undefined)[]): void {
    vscode.Disposable.from(...this.watchers.splice(0)).dispose();
    // OS_CLIENT_CONFIG_FILE's folder too, so a file created there later is picked up
    const named = [...files, host.env.OS_CLIENT_CONFIG_FILE].filter((f): f is string => !!f).map((f) => path.resolve(host.cwd, f));
    const dirs = new Set([...configSearchDirs(host), ...named.map((f) => path.dirname(f))]);
    for (const dir of dirs) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{clouds,secure}.{yaml,yml,json}'));
      const reload = () => void this.load().catch((err) => this.log.error(`reloading clouds: ${String(err)}`));
      watcher.onDidChange(reload);
      watcher.onDidCreate(reload);
      watcher.onDidDelete(reload);
      this.watchers.push(watcher);
    }
  }
}

function fingerprint(cloud: CloudConfig): string {
  return JSON.stringify([cloud.source, cloud.raw]);
}

function workspaceDir(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
}

/** How the sign-in prompt names each missing secret. */
const SECRET_NAMES: Record<SecretKind, (cloud: CloudConfig) => string> = {
  password: (cloud) => {
    const user = cloud.auth.username ?? cloud.auth.userId;
    return user ? l10n.t('the password of {0}', user) : l10n.t('the password of the user');
  },
  applicationCredentialSecret: () => l10n.t('the application credential secret'),
  token: () => l10n.t('a token (e.g. from `openstack token issue`)'),
};
