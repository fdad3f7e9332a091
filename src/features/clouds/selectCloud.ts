// OpenStack: Select Cloud…: the cloud, then the project among those the user may choose, that palette commands
// act on. Clicking the status bar item runs it.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { configuredProject } from '../../context/activeCloud';
import { abortable } from '../../openstack/abortable';
import type { CloudConfig } from '../../openstack/config';
import { OpenStackError, redactUrl } from '../../openstack/errors';
import type { Project } from '../../openstack/identity';
import type { CloudCommandDeps } from '../../ui/commandKit';
import { runFlow, type FlowStep } from '../../ui/flow';
import { withProgress } from '../../ui/runCommand';

interface CloudItem extends vscode.QuickPickItem {
  /** Undefined for "Add cloud…". */
  cloud?: CloudConfig;
}

interface ProjectItem extends vscode.QuickPickItem {
  project: Project;
}

const boundToProject = (cloud: CloudConfig) => cloud.authType === 'v3applicationcredential';
const isConfigured = (cloud: CloudConfig, p: Project) => p.id === cloud.auth.projectId || p.name === cloud.auth.projectName;

export async function selectCloud({ registry, active }: CloudCommandDeps): Promise<void> {
  let cloud: CloudConfig | undefined;
  let chosen = false;
  let project: Project | undefined;

  const listProjects = (c: CloudConfig) => withProgress(l10n.t('Listing the projects of {0}…', c.name), async (signal) => {
    const client = await abortable(registry.client(c.name), signal);
    return { projects: await client.identity.projects(signal), scopedTo: client.session.projectId };
  });

  const cloudStep: FlowStep<unknown> = {
    async ask(input) {
      const items: CloudItem[] = [
        ...registry.clouds.map((c) => ({ label: c.name, description: configuredProject(c), detail: c.auth.authUrl && redactUrl(c.auth.authUrl), cloud: c })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        { label: l10n.t('Add cloud…'), iconPath: new vscode.ThemeIcon('add') },
      ];
      const current = (cloud ?? active.cloud)?.name;
      cloud = (await input.quickPick({
        placeholder: l10n.t('The cloud that OpenStack commands act on'),
        items,
        active: items.find((i) => i.cloud && i.cloud.name === current),
        matchOnDescription: true,
      })).cloud;
      chosen = true;
    },
  };
  // counted until the choice says otherwise: not for "Add cloud…", nor for a cloud bound to its project
  const projectStep: FlowStep<unknown> = {
    when: () => (cloud ? !boundToProject(cloud) : !chosen),
    async ask(input) {
      const c = cloud!;
      const { projects } = await listProjects(c);
      if (!projects.length) {
        throw new OpenStackError({ kind: 'config', text: l10n.t("The user of cloud {0} has no role in any project: ask the cloud's administrators for one.", c.name) });
      }
      const items: ProjectItem[] = projects
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({ label: p.name, description: isConfigured(c, p) ? l10n.t('configured') : undefined, detail: p.description || undefined, project: p }));
      const current = project?.id ?? (active.cloud?.name === c.name ? active.project?.id : undefined);
      project = (await input.quickPick({
        placeholder: l10n.t('The project in {0}', c.name),
        items,
        active: items.find((i) => i.project.id === current) ?? items.find((i) => isConfigured(c, i.project)),
        matchOnDescription: true,
      })).project;
    },
  };

  await runFlow(l10n.t('Select cloud'), undefined, [cloudStep, projectStep]);
  if (cloud && boundToProject(cloud)) {
    const { projects, scopedTo } = await listProjects(cloud);
    project = projects.find((p) => p.id === scopedTo);
  }
  if (!cloud) {
    await vscode.commands.executeCommand('openstack.addCloud');
    return;
  }
  await active.set(cloud.name, project && { id: project.id, name: project.name });
}
