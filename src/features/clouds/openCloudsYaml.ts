// OpenStack: Open clouds.yaml: the file in use, or a new one (after asking) in the user's config directory
// where openstacksdk and the openstack CLI look for it. Saving it reloads the clouds (the registry watches it).
import * as l10n from '@vscode/l10n';
import { mkdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CloudRegistry } from '../../context/cloudRegistry';
import { configSearchDirs } from '../../openstack/config';
import { Cancelled } from '../../core/cancelled';

// Loads as no cloud at all (the missing auth_url is reported) until the user fills it in.
const TEMPLATE = `# OpenStack clouds for this extension, the openstack CLI and openstacksdk.
# Fill in the cloud below and save: it appears in the OpenStack view.
# Leave passwords out: the extension asks once and keeps them in the editor's
# secret storage (or put them in secure.yaml next to this file).
clouds:
  mycloud:                  # its name in the view; openstack --os-cloud mycloud
    auth:
      auth_url:             # e.g. https://keystone.example.com:5000/v3
      username:
      project_name:
      user_domain_name: Default
      project_domain_name: Default
    region_name:            # e.g. RegionOne
    interface: public
    identity_api_version: 3
`;

export async function openCloudsYaml(registry: CloudRegistry): Promise<void> {
  const file = registry.configFile ?? (await createCloudsYaml(registry));
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
  // a fresh template: the cursor where the first answer goes
  if (editor.document.getText() === TEMPLATE) {
    const at = editor.document.positionAt(TEMPLATE.indexOf('auth_url:') + 'auth_url: '.length);
    editor.selection = new vscode.Selection(at, at);
  }
}

async function createCloudsYaml(registry: CloudRegistry): Promise<string> {
  // configSearchDirs: the working directory, then the per-user directory (~/.config/openstack on Linux)
  const [, userDir] = configSearchDirs({ env: process.env, cwd: os.homedir(), homeDir: os.homedir(), platform: process.platform });
  const file = path.join(userDir, 'clouds.yaml');
  const create = l10n.t('Create clouds.yaml');
  const choice = await vscode.window.showInformationMessage(l10n.t('There is no clouds.yaml yet.'), {
    modal: true,
    detail: l10n.t('Create {0} from a template, for this extension and the openstack CLI?', file),
  }, create);
  if (choice !== create) throw new Cancelled();
  await mkdir(userDir, { recursive: true });
  try {
    // only its owner may read it: clouds.yaml files often end up holding passwords
    await writeFile(file, TEMPLATE, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // the directory may be new, so the registry's watcher may not see this file yet
  await registry.load();
  return file;
}
