// OpenStack: Select Cloud…: the cloud, then the project among those the user may choose, that palette commands
// act on. Clicking the status bar item runs it.
import * as vscode from 'vscode';
import { configuredProject } from '../../context/activeCloud';
import { abortable } from '../../openstack/abortable';
import type { CloudConfig } from '../../openstack/config';
import { OpenStackError, redactUrl } from '../../openstack/errors';
import type { Project } from '../../openstack/identity';
import type { CloudCommandDeps } from './cloudCommands';
import { MultiStepInput, type Step } from '../../ui/multiStep';
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
  let project: Project | undefined;

  const projectStep = (chosen: CloudConfig): Step => async (input) => {
    const { projects, scopedTo } = await withProgress(`Listing the projects of ${chosen.name}…`, async (signal) => {
      const client = await abortable(registry.client(chosen.name), signal);
      return { projects: await client.session.projects(signal), scopedTo: client.session.projectId };
    });
    if (boundToProject(chosen)) {
      project = projects.find((p) => p.id === scopedTo);
      return undefined;
    }
    if (!projects.length) {
      throw new OpenStackError({ kind: 'config', text: `The user of cloud ${chosen.name} has no role in any project: ask the cloud's administrators for one.` });
    }
    const items: ProjectItem[] = projects
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ label: p.name, description: isConfigured(chosen, p) ? 'configured' : undefined, detail: p.description || undefined, project: p }));
    const current = project?.id ?? (active.cloud?.name === chosen.name ? active.project?.id : undefined);
    project = (await input.quickPick({
      placeholder: `The project in ${chosen.name}`,
      items,
      active: items.find((i) => i.project.id === current) ?? items.find((i) => isConfigured(chosen, i.project)),
      matchOnDescription: true,
    })).project;
    return undefined;
  };

  const cloudStep: Step = async (input) => {
    const items: CloudItem[] = [
      ...registry.clouds.map((c) => ({ label: c.name, description: configuredProject(c), detail: c.auth.authUrl && redactUrl(c.auth.authUrl), cloud: c })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: 'Add cloud…', iconPath: new vscode.ThemeIcon('add') },
    ];
    const current = (cloud ?? active.cloud)?.name;
    cloud = (await input.quickPick({
      placeholder: 'The cloud that OpenStack commands act on',
      items,
      active: items.find((i) => i.cloud && i.cloud.name === current),
      matchOnDescription: true,
    })).cloud;
    return cloud && projectStep(cloud);
  };

  await MultiStepInput.run('Select cloud', () => (cloud && boundToProject(cloud) ? 1 : 2), cloudStep);
  if (!cloud) {
    await vscode.commands.executeCommand('openstack.addCloud');
    return;
  }
  await active.set(cloud.name, project && { id: project.id, name: project.name });
}
