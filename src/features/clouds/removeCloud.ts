// OpenStack: Remove Cloud…: forgets a cloud added in this editor (Add cloud, Import openrc) and its password
// or secret. Clouds from clouds.yaml or OS_* variables live outside the editor, so they are removed there.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ConfigError } from '../../openstack/config';
import type { CloudCommandDeps } from '../../ui/commandKit';
import { Cancelled } from '../../core/cancelled';
import { plainText } from '../../core/displayText';
import { showPick } from '../../ui/shownItems';

export async function removeCloud(deps: CloudCommandDeps, cloudName?: string): Promise<void> {
  const added = deps.store.list().map((c) => c.name);
  const name = cloudName ?? (await pickAdded(added));
  if (!name) return;
  if (!added.includes(name)) {
    const source = deps.registry.cloud(name)?.source;
    if (!source) throw new ConfigError('unknown-cloud', l10n.t("There is no cloud named '{0}' any more.", name));
    const where = source === 'env' ? l10n.t('OS_* environment variables') : source;
    throw new ConfigError('unknown-cloud', l10n.t("Cloud '{0}' comes from {1}, not from this editor: remove it there.", name, where));
  }
  const remove = l10n.t('Remove');
  const choice = await vscode.window.showWarningMessage(plainText(l10n.t("Remove cloud '{0}'?", name)), {
    modal: true,
    detail: l10n.t('Its settings and its password or secret are deleted from this editor. Nothing changes on the cloud itself.'),
  }, remove);
  if (choice !== remove) throw new Cancelled();
  await deps.store.remove(name);
  await deps.registry.load();
  deps.log.info(`removed cloud ${name}`);
}

async function pickAdded(added: string[]): Promise<string | undefined> {
  if (!added.length) {
    const open = l10n.t('Open clouds.yaml');
    const choice = await vscode.window.showInformationMessage(
      l10n.t('No cloud was added in this editor. Clouds from clouds.yaml are removed by editing it.'), open);
    if (choice === open) await vscode.commands.executeCommand('openstack.openCloudsYaml');
    return undefined;
  }
  const picked = await showPick(added.map((label) => ({ label })), { title: l10n.t('Remove cloud'), placeHolder: l10n.t('A cloud added in this editor') });
  if (picked === undefined) throw new Cancelled();
  return picked.label;
}
