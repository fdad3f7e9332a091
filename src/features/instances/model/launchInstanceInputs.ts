// The checks behind the launch steps: instance names, metadata pairs, whether a flavor fits the project's
// quota (and the image), and how many instances still fit. Pure: unit-tested.
import * as l10n from '@vscode/l10n';
import type { ComputeLimits, Flavor, Usage } from '../../../openstack/computeModels';
import { cliLine, optional, repeated, type CliContext, type CliOption } from '../../../core/cliLine';

/** Nova's metadata keys: 1–255 of letters, digits, space and -_:. ; values up to 255 characters. */
const METADATA_KEY = /^[a-zA-Z0-9-_:. ]{1,255}$/;

export type MetadataCheck = { metadata: Record<string, string>; problem?: undefined } | { metadata?: undefined; problem: string };

/** "course=os101, role=web" as metadata; empty is no metadata. MAXITEMS is nova's maxServerMeta. */
export function parseMetadata(text: string, maxItems = 128): MetadataCheck {
  const metadata: Record<string, string> = {};
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return { problem: l10n.t('\'{0}\' has no \'=\': write key=value, separated by commas', part) };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!key) return { problem: l10n.t('\'{0}\' has no key before \'=\'', part) };
    if (!METADATA_KEY.test(key)) {
      return { problem: key.length > 255 ? l10n.t('Key \'{0}…\' is longer than 255 characters', key.slice(0, 20)) : l10n.t('Key \'{0}\' may only have letters, digits, spaces and - _ : .', key) };
    }
    if (value.length > 255) return { problem: l10n.t('The value of \'{0}\' is longer than 255 characters', key) };
    if (key in metadata) return { problem: l10n.t('Key \'{0}\' is given twice', key) };
    metadata[key] = value;
  }
  if (Object.keys(metadata).length > maxItems) return { problem: l10n.t('At most {0} metadata items (the project\'s maxServerMeta)', maxItems) };
  return { metadata };
}

/** The other direction, for Back and the summary. */
export function formatMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** Nova takes names of 1–255 characters, not only spaces; with a count > 1 it appends -1, -2, … */
export function instanceNameProblem(name: string): string | undefined {
  if (!name.trim()) return l10n.t('Enter a name for the instance');
  if (name.length > 255) return l10n.t('At most 255 characters (this is {0})', name.length);
  if (name.trim() !== name) return l10n.t('No spaces at the start or the end');
  return undefined;
}

const left = (u: Usage) => (u.limit < 0 ? Infinity : Math.max(0, u.limit - u.used));

/** "1/10", "3/∞". */
export function usage(u: Usage, unit = ''): string {
  return `${u.used}${unit}/${u.limit < 0 ? '∞' : `${u.limit}${unit}`}`;
}

/** "Quota: instances 1/10 · vCPUs 1/20 · RAM 512/51200 MiB" for the flavor step. */
export function quotaSummary(limits: ComputeLimits): string {
  const ram = `${limits.ram.used}/${limits.ram.limit < 0 ? '∞' : limits.ram.limit}`;
  return l10n.t('Quota used: instances {0} · vCPUs {1} · RAM {2} MiB', usage(limits.instances), usage(limits.cores), ram);
}

/** What the image asks of a flavor (Glance min_disk GiB, min_ram MiB, size in bytes). */
export interface ImageNeeds {
  minDisk: number;
  minRam: number;
  size: number | null;
}

export interface Headroom {
  fits: boolean;
  /** Why it does not, e.g. "needs 2 vCPUs, 1 left of 20". */
  reasons: string[];
  /** How many of this flavor still fit in the quota (Infinity when nothing is limited). */
  maxCount: number;
}

const GiB = 1024 ** 3;

/** Whether COUNT instances of FLAVOR fit the project's LIMITS, and the image's minimums. */
export function flavorHeadroom(flavor: Flavor, limits: ComputeLimits, image?: ImageNeeds, count = 1): Headroom {
  const reasons: string[] = [];
  const maxCount = Math.min(
    left(limits.instances),
    flavor.vcpus > 0 ? Math.floor(left(limits.cores) / flavor.vcpus) : Infinity,
    flavor.ram > 0 ? Math.floor(left(limits.ram) / flavor.ram) : Infinity,
  );
  if (left(limits.instances) < count) {
    reasons.push(count === 1 ? l10n.t('no instances left ({0} of {1} used)', limits.instances.used, limits.instances.limit)
      : l10n.t('{0} instances, {1} left of {2}', count, left(limits.instances), limits.instances.limit));
  }
  if (left(limits.cores) < flavor.vcpus * count) {
    reasons.push(count > 1 ? l10n.t('needs {0} vCPUs for {1}, {2} left of {3}', flavor.vcpus * count, count, left(limits.cores), limits.cores.limit)
      : l10n.t('needs {0} vCPUs, {1} left of {2}', flavor.vcpus * count, left(limits.cores), limits.cores.limit));
  }
  if (left(limits.ram) < flavor.ram * count) {
    reasons.push(count > 1 ? l10n.t('needs {0} MiB RAM for {1}, {2} MiB left of {3}', flavor.ram * count, count, left(limits.ram), limits.ram.limit)
      : l10n.t('needs {0} MiB RAM, {1} MiB left of {2}', flavor.ram * count, left(limits.ram), limits.ram.limit));
  }
  if (image) {
    if (image.minRam > flavor.ram) reasons.push(l10n.t('the image needs at least {0} MiB RAM', image.minRam));
    // disk 0: the root disk takes the image's size (for admins: zeroDiskProblem)
    if (flavor.disk > 0 && image.minDisk > flavor.disk) reasons.push(l10n.t('the image needs a root disk of at least {0} GiB', image.minDisk));
    if (flavor.disk > 0 && image.size !== null && image.size > flavor.disk * GiB) reasons.push(l10n.t('the image ({0} GiB) is larger than the {1} GiB disk', (image.size / GiB).toFixed(1), flavor.disk));
  }
  return { fits: reasons.length === 0, reasons, maxCount };
}

/**
 * A flavor with a zero-size root disk: since Stein nova's policy (os_compute_api:servers:create:zero_disk_flavor)
 * lets only admins boot an image on it, and refuses anyone else with 403.
 */
export function zeroDiskProblem(flavor: Pick<Flavor, 'disk'>, admin: boolean): string | undefined {
  return flavor.disk === 0 && !admin ? l10n.t('a zero-size root disk: only admins may boot an image on it (nova refuses others); choose a flavor with a disk') : undefined;
}

/** A network without a subnet: nova cannot give the instance an address on it and refuses the launch. */
export function networkProblem(network: { subnetIds: readonly string[] }): string | undefined {
  return network.subnetIds.length === 0 ? l10n.t('no subnet: nova cannot give the instance an address on it; add a subnet first') : undefined;
}

/** The count box's check: a whole number from 1 to what the quota leaves for the flavor. */
export function countProblem(value: string, headroom: Pick<Headroom, 'maxCount'>): string | undefined {
  const v = value.trim();
  if (!/^\d+$/.test(v) || Number(v) < 1) return l10n.t('Enter how many instances to launch: 1 or more');
  const n = Number(v);
  if (n > headroom.maxCount) {
    if (headroom.maxCount === 0) return l10n.t('The quota leaves room for no more instances of this flavor');
    return headroom.maxCount === 1 ? l10n.t('The quota leaves room for 1 more instance of this flavor')
      : l10n.t('The quota leaves room for {0} more instances of this flavor', headroom.maxCount);
  }
  if (n > 100) return l10n.t('At most 100 at once');
  return undefined;
}

/** A resource chosen in a step: its id for the API, its name for people, and how the CLI line names it. */
export interface Ref {
  id: string;
  name: string;
  /** False when another resource of the kind has the same name: the CLI line then uses the id. */
  uniqueName?: boolean;
}

/** What "Launch Instance…" collects. */
export interface LaunchSpec {
  name: string;
  image: Ref;
  flavor: Ref;
  /** 'auto' leaves the choice to nova, which refuses it when the project sees more than one network. */
  networks: Ref[] | 'auto';
  /** Empty: nova applies the project's 'default' group. */
  securityGroups: Ref[];
  keyName?: string;
  metadata: Record<string, string>;
  /** A file whose content becomes the user data (cloud-init), read when the instance is created. */
  userDataFile?: string;
  count: number;
  /** Boot from a new volume of the image (GiB), instead of the flavor's local disk. */
  bootVolume?: { size: number; deleteOnTermination: boolean };
}

/** The name when it is unambiguous, else the id. */
export function cliRef(ref: Ref): string {
  return ref.uniqueName === false || !ref.name ? ref.id : ref.name;
}

/**
 * `openstack server create --image I --flavor F --network N … NAME`, as python-openstackclient spells it. `--nic auto`
 * needs compute microversion 2.37, which the CLI does not ask for by itself (at its default 2.1 nova refuses the value).
 */
export function launchCli(spec: LaunchSpec, context: CliContext): string {
  return cliLine(context, [
    ...(spec.networks === 'auto' ? [['--os-compute-api-version', '2.37'] as const] : []),
    'server', 'create', ...bootCli(spec), ['--flavor', cliRef(spec.flavor)],
    ...(spec.networks === 'auto' ? [['--nic', 'auto'] as const] : repeated('--network', spec.networks.map(cliRef))),
    ...repeated('--security-group', spec.securityGroups.map(cliRef)),
    ...optional('--key-name', spec.keyName),
    ...repeated('--property', Object.entries(spec.metadata).map(([k, v]) => `${k}=${v}`)),
    ...optional('--user-data', spec.userDataFile),
    ...(spec.count > 1 ? [['--min', String(spec.count)] as const, ['--max', String(spec.count)] as const] : ['--wait']),
  ], [spec.name]);
}

/** The root disk's options: `--image I`, and `--boot-from-volume N` for a new volume (see bootVolumeCliNote). */
function bootCli(spec: LaunchSpec): CliOption[] {
  return [['--image', cliRef(spec.image)], ...(spec.bootVolume ? [['--boot-from-volume', String(spec.bootVolume.size)] as const] : [])];
}

/**
 * What the copied line does differently: python-openstackclient's --boot-from-volume keeps the volume when the
 * instance is deleted, and the CLI refuses a boot mapping without --image (which would carry delete_on_termination).
 */
export function bootVolumeCliNote(spec: Pick<LaunchSpec, 'bootVolume'>): string | undefined {
  return spec.bootVolume?.deleteOnTermination
    ? l10n.t("The CLI line's boot volume stays when the instance is deleted (--boot-from-volume cannot say otherwise): delete it then with openstack volume delete.")
    : undefined;
}

/** Notes said beside a copied line, in one text. */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  return notes.filter(Boolean).join(' ') || undefined;
}
