// OpenStack: Upload Image…: a disk image file from this machine into Glance. The file's format is read from
// its magic bytes and confirmed; the upload streams with a progress bar in bytes, and cancelling it (or any
// failure) deletes the image so that no `queued` image is left behind.
import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { formatBytes } from '../../core/format';
import type { Image } from '../../openstack/image';
import { OpenStackError } from '../../openstack/errors';
import {
  changedIn, confirm, copyCli, done, type Changed, type ProjectCommandDeps,
} from '../../ui/commandKit';
import {
  DISK_FORMATS, detectFileDiskFormat, imageNameFromFile, imageNameProblem, imageUploadCli, type ImageUploadSpec, type Visibility,
} from './model/imagesFormat';
import { runFlow, type FlowStep } from '../../ui/flow';
import { cliNote } from '../../core/cliLine';
import { percentReporter, withProgress } from '../../ui/runCommand';
import { Cancelled } from '../../core/cancelled';
import { projectContext } from '../../context/target';
import { type Target } from '../../core/target';

interface FormatItem extends vscode.QuickPickItem {
  format: string;
}

interface VisibilityItem extends vscode.QuickPickItem {
  visibility: Visibility;
}

interface ActionItem extends vscode.QuickPickItem {
  action: 'upload' | 'copy';
}

const visibilities = (): VisibilityItem[] => [
  { label: l10n.t('Private'), description: l10n.t('only this project'), visibility: 'private' },
  { label: l10n.t('Shared'), description: l10n.t('this project and the projects you add as image members'), visibility: 'shared' },
  { label: l10n.t('Community'), description: l10n.t('any project can boot it by name or ID; not in their lists by default'), visibility: 'community' },
  { label: l10n.t('Public'), description: l10n.t('every project sees it (admins only)'), visibility: 'public' },
];

/** What each disk format is; product names stay as they are. */
const formatNotes = (): Record<string, string> => ({
  qcow2: l10n.t('QEMU copy-on-write: small, the usual choice for KVM'),
  raw: l10n.t('plain disk bytes'),
  vmdk: 'VMware', vdi: 'VirtualBox', vhd: 'Hyper-V / Azure (VPC)', vhdx: 'Hyper-V', iso: l10n.t('CD/DVD image, e.g. an installer'),
  ploop: 'Virtuozzo', aki: l10n.t('Amazon kernel'), ari: l10n.t('Amazon ramdisk'), ami: l10n.t('Amazon machine image'),
});

/** The file chosen in the explorer (a Uri) or with a file picker. */
async function chooseFile(arg: unknown): Promise<string> {
  if (arg instanceof vscode.Uri && arg.scheme === 'file') return arg.fsPath;
  const picked = await vscode.window.showOpenDialog({
    title: l10n.t('Upload image: choose the disk image file'),
    openLabel: l10n.t('Choose Image'),
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
    filters: { [l10n.t('Disk images')]: ['qcow2', 'img', 'raw', 'vmdk', 'vdi', 'vhd', 'vhdx', 'iso'], [l10n.t('All files')]: ['*'] },
  });
  if (!picked?.[0]) throw new Cancelled();
  return picked[0].fsPath;
}

/** Asks for the name, confirms the detected disk format, the visibility, then shows the summary. */
export async function collectImageUpload(target: Target, file: string, cli: (spec: ImageUploadSpec) => string, note?: string): Promise<ImageUploadSpec> {
  const detected = await detectFileDiskFormat(file);
  const isAdmin = target.client.session.isAdmin;
  const spec: ImageUploadSpec = { file, name: imageNameFromFile(file), diskFormat: detected.format, containerFormat: 'bare', visibility: 'private' };

  const name: FlowStep<ImageUploadSpec> = {
    async ask(input) {
      spec.name = (await input.inputBox({ prompt: l10n.t('Image name ({0} from {1})', formatBytes(detected.size), file), value: spec.name, validate: imageNameProblem })).trim();
    },
  };
  const format: FlowStep<ImageUploadSpec> = {
    async ask(input) {
      const notes = formatNotes();
      const items: FormatItem[] = DISK_FORMATS.map((f) => ({
        label: f, iconPath: f === detected.format ? new vscode.ThemeIcon('check') : undefined,
        description: f === detected.format ? l10n.t('detected: {0}', detected.evidence) : notes[f],
        detail: f === detected.format ? detected.warning : undefined,
        format: f,
      }));
      const ordered = [...items.filter((i) => i.format === detected.format), ...items.filter((i) => i.format !== detected.format)];
      spec.diskFormat = (await input.quickPick({
        placeholder: detected.warning ? `⚠ ${detected.warning}` : l10n.t('Disk format: {0} ({1}); Enter to confirm', detected.format, detected.evidence),
        items: ordered, active: ordered.find((i) => i.format === spec.diskFormat), matchOnDescription: true,
      })).format;
    },
  };
  const visibility: FlowStep<ImageUploadSpec> = {
    async ask(input) {
      const items = visibilities().filter((v) => v.visibility !== 'public' || isAdmin);
      spec.visibility = (await input.quickPick({
        placeholder: isAdmin ? l10n.t('Who may use the image') : l10n.t('Who may use the image (public images need an admin)'),
        items, active: items.find((i) => i.visibility === spec.visibility),
      })).visibility;
    },
  };
  const summary: FlowStep<ImageUploadSpec> = {
    async ask(input) {
      for (;;) {
        const items: ActionItem[] = [
          { label: l10n.t('Upload {0}', formatBytes(detected.size)), iconPath: new vscode.ThemeIcon('cloud-upload'), description: l10n.t('as \'{0}\': {1}, {2}', spec.name, spec.diskFormat, spec.visibility), action: 'upload' },
          { label: l10n.t('Copy as openstack CLI'), iconPath: new vscode.ThemeIcon('copy'), description: l10n.t('and stay here'), detail: note, action: 'copy' },
        ];
        const chosen = await input.quickPick({ placeholder: l10n.t('Upload {0}', file), items });
        if (chosen.action === 'upload') return;
        await copyCli(cli(spec), note);
      }
    },
  };
  return runFlow(l10n.t('Upload image'), spec, [name, format, visibility, summary]);
}

export interface UploadHooks {
  /** Bytes sent so far of TOTAL. */
  onProgress?: (sent: number, total: number) => void;
  changed?: Changed;
}

/**
 * Creates the image (queued) and streams the file into it. A cancel (SIGNAL) or a failed upload deletes the
 * image again, so nothing half-made stays behind. Requests: POST /images, PUT /images/{id}/file, GET
 * /images/{id}; on cancel or failure DELETE /images/{id} instead of the GET.
 */
export async function executeImageUpload(spec: ImageUploadSpec, target: Target, signal: AbortSignal, hooks: UploadHooks = {}): Promise<Image> {
  const { image } = target.client;
  // not abortable: a POST cut short may still create the image, which then could not be found to delete
  const created = await image.createImage({ name: spec.name, diskFormat: spec.diskFormat, containerFormat: spec.containerFormat, visibility: spec.visibility });
  let streaming = false;
  try {
    await hooks.changed?.('images');
    if (signal.aborted) throw new OpenStackError({ kind: 'aborted', text: l10n.t('The upload was cancelled.') });
    streaming = true;
    await image.uploadImage(created.id, spec.file, { signal, onProgress: hooks.onProgress });
  } catch (err) {
    // uploadImage itself deletes the image after an abort
    if (!(streaming && signal.aborted)) await image.deleteImage(created.id).catch(() => undefined);
    await hooks.changed?.('images').catch(() => undefined);
    throw err;
  }
  const uploaded = await image.image(created.id);
  await hooks.changed?.('images');
  return uploaded;
}

export async function uploadImage(deps: ProjectCommandDeps, arg?: unknown): Promise<void> {
  const file = await chooseFile(arg);
  // a file from the explorer has no tree node: the active cloud's project
  const target = await projectContext(arg instanceof vscode.Uri ? undefined : arg, deps);
  const context = await target.cli();
  const spec = await collectImageUpload(target, file, (s) => imageUploadCli(s, context), cliNote(context));
  const image = await withProgress(l10n.t('Uploading {0}', spec.name), async (signal, report) => {
    const progress = percentReporter(report);
    return executeImageUpload(spec, target, signal, {
      changed: changedIn(deps, target),
      onProgress: (sent, total) => progress(total > 0 ? (sent / total) * 100 : 100, () => l10n.t('{0} of {1}', formatBytes(sent), formatBytes(total))),
    });
  });
  done(l10n.t('Image \'{0}\' uploaded: {1}, {2}.', image.name, image.status, formatBytes(image.size)), imageUploadCli(spec, context), cliNote(context));
}

/** Deletes an image after a modal confirmation (tree node only). */
export async function deleteImage(deps: ProjectCommandDeps, node: { image: Image }): Promise<void> {
  const target = await projectContext(node, deps);
  await confirm(l10n.t('Delete image \'{0}\'?', node.image.name || node.image.id), l10n.t('Instances booted from it keep running, but no new instance can be launched from it.'));
  await withProgress(l10n.t('Deleting image {0}', node.image.name), (signal) => target.client.image.deleteImage(node.image.id, signal));
  await changedIn(deps, target)('images');
}
