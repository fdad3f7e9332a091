// The cloud and project that palette commands act on, shown in the status bar (click: Select cloud). Chosen
// with Select cloud and remembered across sessions; until then OS_CLOUD's cloud, else the first one, each in
// its configured project.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { redactUrl } from '../openstack/errors';
import { iconSafeText, plainText } from '../core/displayText';
import { ConfigError, type CloudConfig } from '../openstack/config';
import type { OpenStackClient } from '../openstack/client';
import type { CloudRegistry } from './cloudRegistry';

const STATE_KEY = 'openstack.activeCloud';

export interface ActiveProject {
  id: string;
  name: string;
}

interface Selection {
  cloud: string;
  /** Undefined: the cloud's configured project. */
  project?: ActiveProject;
}

export class ActiveCloud implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly item = vscode.window.createStatusBarItem('openstack.activeCloud', vscode.StatusBarAlignment.Left, 100);
  private readonly subscription: vscode.Disposable;
  private shown?: Selection;

  constructor(private readonly state: vscode.Memento, private readonly registry: CloudRegistry) {
    this.item.name = l10n.t('OpenStack Cloud');
    this.item.command = 'openstack.selectCloud';
    this.subscription = registry.onDidChange(() => this.update());
    this.update();
  }

  get cloud(): CloudConfig | undefined {
    const selection = this.selection();
    return selection && this.registry.cloud(selection.cloud);
  }

  /** The project chosen with Select cloud; undefined when it is the cloud's configured project. */
  get project(): ActiveProject | undefined {
    return this.selection()?.project;
  }

  async set(cloud: string, project?: ActiveProject): Promise<void> {
    await this.state.update(STATE_KEY, { cloud, project } satisfies Selection);
    this.update();
  }

  /** The client for the active cloud and project. */
  client(): Promise<OpenStackClient> {
    const selection = this.selection();
    if (!selection) {
      return Promise.reject(new ConfigError('unknown-cloud', l10n.t('There is no OpenStack cloud yet: add one with "OpenStack: Add Cloud…".')));
    }
    return selection.project
      ? this.registry.projectClient(selection.cloud, selection.project.id)
      : this.registry.client(selection.cloud);
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
    this.changed.dispose();
  }

  private selection(): Selection | undefined {
    const stored = this.state.get<Selection>(STATE_KEY);
    if (stored && this.registry.cloud(stored.cloud)) return stored;
    const fallback = this.registry.defaultCloud ?? this.registry.clouds[0]?.name;
    return fallback === undefined ? undefined : { cloud: fallback };
  }

  private update(): void {
    const selection = this.selection();
    const cloud = selection && this.registry.cloud(selection.cloud);
    if (!selection || !cloud) {
      this.item.hide();
    } else {
      const project = selection.project?.name ?? configuredProject(cloud);
      this.item.text = `$(cloud) ${iconSafeText(project ? `${cloud.name} / ${project}` : cloud.name)}`;
      this.item.tooltip = tooltip(cloud, project);
      this.item.show();
    }
    if (JSON.stringify(selection) !== JSON.stringify(this.shown)) {
      this.shown = selection;
      this.changed.fire();
    }
  }
}

export function configuredProject(cloud: CloudConfig): string | undefined {
  return cloud.auth.projectName ?? cloud.auth.projectId;
}

// Names and URLs only: the auth section also holds passwords and secrets.
function tooltip(cloud: CloudConfig, project: string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const line = (label: string, value: string | undefined) => {
    if (!value) return;
    md.appendMarkdown(`**${label}:** `);
    md.appendText(plainText(value));
    md.appendMarkdown('  \n');
  };
  line(l10n.t('OpenStack cloud'), cloud.name);
  line(l10n.t('Project'), project);
  line(l10n.t('User'), cloud.auth.username ?? cloud.auth.userId ?? (cloud.auth.applicationCredentialId && l10n.t('application credential')));
  line(l10n.t('Auth URL'), cloud.auth.authUrl && redactUrl(cloud.auth.authUrl));
  line(l10n.t('Region'), cloud.regionName);
  line(l10n.t('Defined'), cloud.source === 'extension' ? l10n.t('in this editor') : cloud.source === 'env' ? l10n.t('by OS_* environment variables') : cloud.source);
  md.appendMarkdown(`\n${l10n.t('Click to switch cloud or project.')}`);
  return md;
}
