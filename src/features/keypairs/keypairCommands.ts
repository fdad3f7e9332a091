// OpenStack: Import Key Pair… (an OpenSSH public key file, ~/.ssh/*.pub offered first) and Delete Key Pair.
// Key pairs belong to the user, not the project: every project of the cloud lists the same ones.
import * as l10n from '@vscode/l10n';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Keypair } from '../../openstack/computeModels';
import {
  changedIn, confirm, done, type Changed, type ProjectCommandDeps,
} from '../../ui/commandKit';
import { pickOne } from '../../ui/pickers';
import {
  keypairImportCli, keypairNameFromFile, keypairNameProblem, parsePublicKey, type KeypairImportSpec, type PublicKey,
} from './model/keypairsFormat';
import { runFlow, type FlowStep } from '../../ui/flow';
import { cliNote } from '../../core/cliLine';
import { GoBack } from '../../ui/multiStep';
import { Refused } from '../../core/refusals';
import { withProgress } from '../../ui/runCommand';
import { projectContext } from '../../context/target';
import { type Target } from '../../core/target';

interface KeyFileItem extends vscode.QuickPickItem {
  file?: string;
  key?: PublicKey;
  problem?: string;
}

/** Public keys are small; anything bigger is not one. */
const MAX_KEY_BYTES = 16 * 1024;

async function readKey(file: string): Promise<{ key?: PublicKey; problem?: string }> {
  try {
    const { size } = await stat(file);
    if (size > MAX_KEY_BYTES) return { problem: l10n.t('{0} is far too big for a public key: choose the .pub file', formatSize(size)) };
    return parsePublicKey(await readFile(file, 'utf8'));
  } catch (err) {
    return { problem: l10n.t('Cannot read {0}: {1}', file, err instanceof Error ? err.message : String(err)) };
  }
}

const formatSize = (n: number) => `${Math.round(n / 1024)} KiB`;

/** ~/.ssh/*.pub, each read and checked, so that the list already says which are usable. */
async function sshPublicKeys(home = os.homedir()): Promise<KeyFileItem[]> {
  const dir = path.join(home, '.ssh');
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names.filter((n) => n.endsWith('.pub')).sort().map((n) => path.join(dir, n));
  return Promise.all(files.map(async (file) => {
    const { key, problem } = await readKey(file);
    return {
      label: path.basename(file), iconPath: new vscode.ThemeIcon(key ? 'key' : 'warning'),
      description: key ? [key.type, key.comment].filter(Boolean).join(' · ') : problem,
      detail: file,
      file, key, problem,
    };
  }));
}

/** Picks the key file (offering ~/.ssh/*.pub, or Browse…), then the name, checked against the user's key pairs. */
export async function collectKeypairImport(target: Target, file?: string): Promise<KeypairImportSpec> {
  const existing = target.client.compute.keypairs().toArray().then((list) => list.map((k) => k.name), () => [] as string[]);
  let chosen: { file: string; key: PublicKey } | undefined;
  let name = '';

  const useFile = async (f: string): Promise<void> => {
    const { key, problem } = await readKey(f);
    if (!key) throw new GoBack(`${path.basename(f)}: ${problem}`);
    if (chosen?.file !== f) name = '';
    chosen = { file: f, key };
  };
  // a file given (e.g. from the explorer): only the name is asked
  const fileStep: FlowStep<unknown> = {
    when: () => !file,
    async ask(input) {
      const browse: KeyFileItem = { label: l10n.t('Browse…'), iconPath: new vscode.ThemeIcon('folder-opened'), description: l10n.t('another public key file') };
      const found = await sshPublicKeys();
      const item = await input.quickPick<KeyFileItem>({
        placeholder: found.length ? l10n.t('The public key to import (the .pub file; the private key never leaves this machine)')
          : l10n.t('No ~/.ssh/*.pub found: browse for a public key, or create one first with {0}', 'ssh-keygen -t ed25519'),
        items: [...found, browse],
        active: found.find((f) => f.file === chosen?.file) ?? found.find((f) => f.key) ?? browse,
        refuse: (i) => (i.problem ? `${path.basename(i.file ?? '')}: ${i.problem}` : undefined),
      });
      if (item.file) return useFile(item.file);
      const picked = await vscode.window.showOpenDialog({
        title: l10n.t('Import key pair: choose the PUBLIC key file'), openLabel: l10n.t('Import'), canSelectMany: false,
        defaultUri: vscode.Uri.file(path.join(os.homedir(), '.ssh')), filters: { [l10n.t('Public keys')]: ['pub'], [l10n.t('All files')]: ['*'] },
      });
      if (!picked?.[0]) throw new GoBack();   // back to this list
      return useFile(picked[0].fsPath);
    },
  };
  const nameStep: FlowStep<unknown> = {
    async ask(input) {
      const taken = await existing;
      name = await input.inputBox({
        prompt: taken.length ? l10n.t('Name of the key pair (your key pairs: {0})', taken.join(', ')) : l10n.t('Name of the key pair (your key pairs: none yet)'),
        value: name || keypairNameFromFile(chosen!.file),
        validate: (v) => keypairNameProblem(v, taken),
      });
    },
  };

  if (file) {
    const { key, problem } = await readKey(file);
    if (!key) throw new Refused(l10n.t('{0} cannot be imported: {1}', path.basename(file), problem ?? ''));
    chosen = { file, key };
  }
  await runFlow(l10n.t('Import key pair'), undefined, [fileStep, nameStep]);
  return { name: name.trim(), file: chosen!.file, publicKey: chosen!.key };
}

/** Requests: POST /os-keypairs. */
export async function executeKeypairImport(spec: KeypairImportSpec, target: Target, signal: AbortSignal, changed?: Changed): Promise<Keypair> {
  const keypair = await target.client.compute.importKeypair(spec.name, spec.publicKey.line, signal);
  await changed?.('keypairs');
  return keypair;
}

export async function importKeypair(deps: ProjectCommandDeps, arg?: unknown): Promise<void> {
  const file = arg instanceof vscode.Uri && arg.scheme === 'file' ? arg.fsPath : undefined;
  const target = await projectContext(file ? undefined : arg, deps);
  const spec = await collectKeypairImport(target, file);
  const keypair = await withProgress(l10n.t('Importing key pair {0}', spec.name), (signal) => executeKeypairImport(spec, target, signal, changedIn(deps, target)));
  const context = await target.cli();
  const cli = keypairImportCli(spec, context);
  done(l10n.t('Key pair \'{0}\' imported ({1}): choose it when launching an instance.', keypair.name, keypair.fingerprint), cli, cliNote(context));
}

/** Requests: DELETE /os-keypairs/{name}. */
export async function executeKeypairDelete(name: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.compute.deleteKeypair(name, signal);
  await changed?.('keypairs');
}

/** From a KeypairNode, or (palette) a key pair picked from the active project's list. */
export async function deleteKeypair(deps: ProjectCommandDeps, node?: { keypair?: Keypair }): Promise<void> {
  const target = await projectContext(node, deps);
  const keypair = node?.keypair ?? await pickOne(l10n.t('Delete key pair'), l10n.t('The key pair to delete'),
    async () => (await target.client.compute.keypairs().toArray()).map((k) => ({ label: k.name, description: k.fingerprint, value: k })), l10n.t('You have no key pairs.'));
  await confirm(l10n.t('Delete key pair \'{0}\'?', keypair.name),
    l10n.t('Instances launched with it keep the key they were given; new instances can no longer use it. The key files on this machine are not touched.'));
  await withProgress(l10n.t('Deleting key pair {0}', keypair.name), (signal) => executeKeypairDelete(keypair.name, target, signal, changedIn(deps, target)));
}
