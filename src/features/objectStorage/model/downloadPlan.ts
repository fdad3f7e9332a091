// Where a download writes each object: below the chosen folder, a folder's objects keeping their path below the
// folder, an object under its own name. Swift names are free text, so a name whose '..' segments would climb out
// of the chosen folder (`../../.bashrc`) is never written: it is set aside and the command says so. Pure apart
// from the stat of the targets: no vscode import.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';

export interface DownloadTarget {
  object: string;
  /** The local file, absolute, inside the chosen folder. */
  file: string;
}

export interface DownloadPlan {
  targets: DownloadTarget[];
  /** Object names that would be written outside the chosen folder: skipped. */
  outside: string[];
}

/**
 * The local file of each object NAMES holds, under FOLDER; BASE is the pseudo-folder they are named below
 * (without its trailing '/', '' for the container's top). Folder markers (names ending in '/') are the folders
 * themselves and get no file.
 */
export function planDownload(folder: string, base: string, names: readonly string[]): DownloadPlan {
  const root = path.resolve(folder);
  const plan: DownloadPlan = { targets: [], outside: [] };
  for (const object of names) {
    if (object.endsWith('/')) continue;
    const below = base !== '' && object.startsWith(`${base}/`) ? object.slice(base.length + 1) : object;
    const file = path.resolve(root, ...below.split('/'));
    if (isInside(root, file)) plan.targets.push({ object, file });
    else plan.outside.push(object);
  }
  return plan;
}

/** Whether FILE lies strictly below ROOT (both resolved). */
function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** The targets whose file exists already (a download would replace it). */
export async function existingTargets(targets: readonly DownloadTarget[]): Promise<DownloadTarget[]> {
  const found = await Promise.all(targets.map((t) => stat(t.file).then(() => true, () => false)));
  return targets.filter((_, i) => found[i]);
}
