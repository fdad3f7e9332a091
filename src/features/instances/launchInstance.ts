// OpenStack: Launch Instance…: the six or so Horizon steps a student needs, as one multi-step input: name,
// image (active ones), flavor (the project's quota headroom shown, flavors that do not fit refused with the
// reason), root disk (a new volume where the cloud has Cinder), network(s) (asked only when the project sees more
// than one), security groups, key pair, metadata, user data, count, and a summary with "Copy as openstack CLI".
// Everything is loaded in parallel when the command starts, while the user types the name.
import * as l10n from '@vscode/l10n';
import { readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../../core/format';
import type { CreatedServer } from '../../openstack/compute';
import type { ComputeLimits, Flavor, Keypair } from '../../openstack/computeModels';
import type { Image } from '../../openstack/image';
import type { Network, SecurityGroup } from '../../openstack/networkModels';
import { changedIn, copyCli, done, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import {
  bootVolumeCliNote, countProblem, flavorHeadroom, formatMetadata, instanceNameProblem, joinNotes, launchCli, networkProblem, parseMetadata, quotaSummary,
  zeroDiskProblem, type Headroom, type LaunchSpec, type Ref,
} from './model/launchInstanceInputs';
import { runFlow, summaryRows, type FlowStep } from '../../ui/flow';
import { cliNote, uniqueNames } from '../../core/cliLine';
import { separator, type Item } from '../../ui/pickers';
import { Refused } from '../../core/refusals';
import { withProgress } from '../../ui/runCommand';
import { Cancelled } from '../../core/cancelled';
import { projectContext } from '../../context/target';
import { type Target } from '../../core/target';
import { ownedBy } from '../../core/ownership';
import { plainText } from '../../core/displayText';
import { capacityWarnings, type LaunchNeed, type LaunchRoom } from './model/launchCapacity';
import type { Log } from '../../context/log';
import { loadLaunchRoom } from './launchRoom';
import { imageMinimumGiB, sizeProblem } from '../volumes/model/volumesFormat';

/** Nova's limit on user data once base64-encoded (65535) is 49149 bytes of file. */
const MAX_USER_DATA_BYTES = Math.floor(65535 / 4) * 3;

export interface LaunchChoices {
  images: Image[];
  flavors: Flavor[];
  limits: ComputeLimits;
  /** The networks nova would consider: the project's own and shared ones. */
  networks: Network[];
  /** The project's own groups (an admin lists every project's). */
  securityGroups: SecurityGroup[];
  keypairs: Keypair[];
  /** The cloud has Cinder: the instance can boot from a new volume. */
  volumes: boolean;
}

/** Everything the steps offer, in one parallel round. Requests: GET images, flavors/detail, limits, networks, security-groups, os-keypairs. */
export async function loadLaunchChoices(target: Target, signal?: AbortSignal): Promise<LaunchChoices> {
  const { compute, network, image } = target.client;
  const [images, flavors, limits, networks, securityGroups, keypairs, volumes] = await Promise.all([
    // an admin's token lists every project's private images: offer what the project sees
    (target.client.session.isAdmin ? image.projectImages(target.projectId, { status: 'active' }) : image.images({ status: 'active' })).toArray(signal),
    compute.flavors().toArray(signal),
    compute.limits(signal),
    network.networks().toArray(signal),
    network.securityGroups().toArray(signal),
    compute.keypairs().toArray(signal),
    target.client.session.hasService('block-storage', signal),
  ]);
  return {
    images: images.sort((a, b) => a.name.localeCompare(b.name)),
    flavors: flavors.sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk || a.name.localeCompare(b.name)),
    limits,
    networks: networks.filter((n) => n.projectId === target.projectId || n.shared).sort((a, b) => a.name.localeCompare(b.name)),
    securityGroups: securityGroups.filter((g) => ownedBy(g, target.projectId)).sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name))),
    keypairs,
    volumes,
  };
}

function refsOf<T extends { id: string; name: string }>(all: readonly T[]): (item: T) => Ref {
  const names = uniqueNames(all);
  return (item) => ({ id: item.id, name: item.name, uniqueName: names.has(item.id) });
}

interface LaunchAnswers {
  spec: LaunchSpec;
  metadataText: string;
  /** Asked only when the project sees more than one network (one is taken, none is refused). */
  networkStep: boolean;
  flavor?: Flavor;
  image?: Image;
  /** What the steps offer, loading while the first step shows. */
  loading: Promise<LaunchChoices>;
  cli: (spec: LaunchSpec) => string;
  /** What the copied lines need to run (cliNote), said beside Copy as openstack CLI. */
  note?: string;
  /** The user is an admin: nova lets admins boot on zero-disk flavors. */
  admin: boolean;
  /** The cloud has Cinder (known once the choices are loaded): a zero-disk flavor boots from a new volume. */
  volumes: boolean;
}

/** Walks the steps; resolves with what to launch. */
export async function collectLaunch(target: Target, cli: (spec: LaunchSpec) => string, note?: string): Promise<LaunchSpec> {
  return (await collectAnswers(target, cli, note)).spec;
}

/** Walks the steps; resolves with what to launch and the chosen flavor's size. */
async function collectAnswers(target: Target, cli: (spec: LaunchSpec) => string, note?: string): Promise<{ spec: LaunchSpec; flavor: Flavor }> {
  const loading = loadLaunchChoices(target);
  loading.catch(() => undefined);   // surfaced by the step that awaits it
  const state: LaunchAnswers = {
    spec: { name: 'vm1', image: { id: '', name: '' }, flavor: { id: '', name: '' }, networks: [], securityGroups: [], metadata: {}, count: 1 },
    metadataText: '',
    networkStep: true,
    loading,
    cli,
    note,
    admin: target.client.session.isAdmin,
    volumes: false,
  };
  // known before the image step shows its counter, so that the root disk step is counted from there on
  loading.then((choices) => { state.volumes = choices.volumes; }, () => undefined);
  await runFlow(l10n.t('Launch instance'), state, LAUNCH_STEPS);
  return { spec: state.spec, flavor: state.flavor! };
}

/** Why no network of the project (NAMES: those it sees, all without a subnet) can take an instance. */
function noNetworkRefusal(names: string[]): string {
  if (names.length === 0) return l10n.t('The project has no network an instance can attach to: create a network with a subnet first (and a router to reach the outside).');
  return names.length === 1
    ? l10n.t('The project has no network an instance can attach to ({0} has no subnet): create a network with a subnet first (and a router to reach the outside).', names[0])
    : l10n.t('The project has no network an instance can attach to ({0} have no subnet): create a network with a subnet first (and a router to reach the outside).', names.join(', '));
}

/** The quota headroom of F, and whether nova lets this user boot on it at all. */
function rate(a: LaunchAnswers, f: Flavor, limits: ComputeLimits): Headroom {
  const room = flavorHeadroom(f, limits, a.image);
  // with Cinder, a zero-disk flavor boots from a new volume (the boot step's default for it)
  const disk = a.volumes ? undefined : zeroDiskProblem(f, a.admin);
  return disk ? { ...room, fits: false, reasons: [disk, ...room.reasons] } : room;
}

const headroom = async (a: LaunchAnswers) => flavorHeadroom(a.flavor!, (await a.loading).limits, a.image);

const nameStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec }) {
    spec.name = await input.inputBox({ prompt: l10n.t('Instance name'), value: spec.name, validate: instanceNameProblem });
  },
  summary: ({ spec }) => [l10n.t('Name'), spec.count > 1 ? `${spec.name}-1 … ${spec.name}-${spec.count}` : spec.name],
};

const imageStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const { images, networks: nets } = await a.loading;
    // the network step is skipped when there is exactly one network (taken) or none (refused now, before more steps)
    if (!nets.some((n) => !networkProblem(n))) {
      throw new Refused(noNetworkRefusal(nets.map((n) => n.name || n.id)), { title: l10n.t('Create Network…'), command: 'openstack.createNetwork' });
    }
    a.networkStep = nets.length > 1;
    if (!a.networkStep) a.spec.networks = [refsOf(nets)(nets[0])];
    if (images.length === 0) throw new Refused(l10n.t('The project sees no active image: upload one first ("OpenStack: Upload Image…").'), { title: l10n.t('Upload Image…'), command: 'openstack.uploadImage' });
    const ref = refsOf(images);
    const items: Item<Image>[] = images.map((i) => ({
      label: i.name || i.id,
      description: [i.diskFormat, formatBytes(i.size), i.visibility, i.minDisk ? l10n.t('min disk {0} GiB', i.minDisk) : '', i.minRam ? l10n.t('min RAM {0} MiB', i.minRam) : ''].filter(Boolean).join(' · '),
      detail: i.id,
      value: i,
    }));
    a.image = (await input.quickPick({
      placeholder: l10n.t('Image to boot from (active images only)'),
      items, active: items.find((i) => i.value.id === a.spec.image.id) ?? items.find((i) => /^cirros/i.test(i.label)) ?? items.find((i) => i.value.visibility === 'public') ?? items[0], matchOnDescription: true,
    })).value;
    a.spec.image = ref(a.image);
  },
  summary: ({ spec }) => [l10n.t('Image'), spec.image.name || spec.image.id],
};

const flavorStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const { flavors, limits } = await a.loading;
    const ref = refsOf(flavors);
    const rated = flavors.map((f) => ({ f, room: rate(a, f, limits) }));
    const fitting = rated.filter((r) => r.room.fits);
    const item = ({ f, room }: (typeof rated)[number]): Item<Flavor> => ({
      label: f.name, iconPath: room.fits ? undefined : new vscode.ThemeIcon('circle-slash'),
      description: l10n.t('{0} vCPU · {1} RAM · {2} GiB disk', f.vcpus, formatBytes(f.ram * 1024 * 1024), f.disk),
      detail: room.fits ? undefined : l10n.t('Cannot be used: {0}', room.reasons.join('; ')),
      value: f,
    });
    const items = [...fitting.map(item), ...(fitting.length < rated.length ? [separator<Flavor>(l10n.t('Cannot be used')), ...rated.filter((r) => !r.room.fits).map(item)] : [])];
    const preferred = items.find((i) => i.value?.id === a.spec.flavor.id) ?? items.find((i) => i.value?.name === 'm1.tiny' && fitting.some((r) => r.f === i.value)) ?? items[0];
    a.flavor = (await input.quickPick({
      placeholder: l10n.t('Flavor (size). {0}', quotaSummary(limits)),
      items, active: preferred, matchOnDescription: true,
      refuse: (i) => {
        const room = rate(a, i.value, limits);
        return room.fits ? undefined : l10n.t('{0} cannot be used: {1}', i.value.name, room.reasons.join('; '));
      },
    })).value;
    a.spec.flavor = ref(a.flavor);
  },
  summary: ({ flavor: f, spec }) => [l10n.t('Flavor'), f ? l10n.t('{0}: {1} vCPU, {2} RAM, {3} GiB disk', f.name, f.vcpus, formatBytes(f.ram * 1024 * 1024), f.disk) : spec.flavor.name],
};

type BootChoice = 'local' | 'volumeDeleted' | 'volumeKept';

/** Where the root disk lives: the flavor's local disk, or a new volume of the image (asked where Cinder is). */
const bootStep: FlowStep<LaunchAnswers> = {
  when: (a) => a.volumes,
  async ask(input, a) {
    const f = a.flavor!;
    const local = zeroDiskProblem(f, a.admin);
    const size = bootVolumeSize(a);
    const items: Item<BootChoice>[] = [
      {
        label: l10n.t('Boot from the local disk'), value: 'local', iconPath: local ? new vscode.ThemeIcon('circle-slash') : undefined,
        description: f.disk ? l10n.t("the flavor's {0} GiB disk, deleted with the instance", f.disk) : l10n.t("the flavor's disk is 0 GiB: the image's size"),
        detail: local && l10n.t('Cannot be used: {0}', local),
      },
      { label: l10n.t('Boot from a new volume ({0} GiB), deleted with the instance', size), value: 'volumeDeleted', description: l10n.t('Cinder keeps the root disk; it can be extended and snapshotted') },
      { label: l10n.t('Boot from a new volume ({0} GiB), kept after the instance', size), value: 'volumeKept', description: l10n.t('the volume stays available, to boot another instance from it') },
    ];
    const current: BootChoice = a.spec.bootVolume ? (a.spec.bootVolume.deleteOnTermination ? 'volumeDeleted' : 'volumeKept') : f.disk === 0 ? 'volumeDeleted' : 'local';
    const chosen = (await input.quickPick({
      placeholder: f.disk === 0 ? l10n.t('{0} has no local disk: boot from a new volume (the norm on this cloud)', f.name) : l10n.t('The root disk'),
      items, active: items.find((i) => i.value === current),
      refuse: (i) => (i.value === 'local' && local ? l10n.t('{0} cannot be used: {1}', i.label, local) : undefined),
    })).value;
    a.spec.bootVolume = chosen === 'local' ? undefined : { size: a.spec.bootVolume?.size ?? size, deleteOnTermination: chosen === 'volumeDeleted' };
  },
  summary: ({ spec }) => [l10n.t('Root disk'), spec.bootVolume
    ? (spec.bootVolume.deleteOnTermination ? l10n.t('new volume of {0} GiB, deleted with the instance', spec.bootVolume.size) : l10n.t('new volume of {0} GiB, kept after the instance', spec.bootVolume.size))
    : l10n.t('local disk')],
};

/** The boot volume's default size: the flavor's disk, at least what the image needs. */
function bootVolumeSize(a: LaunchAnswers): number {
  return Math.max(a.flavor?.disk ?? 0, a.image ? imageMinimumGiB(a.image) : 1);
}

const bootVolumeSizeStep: FlowStep<LaunchAnswers> = {
  when: (a) => !!a.spec.bootVolume,
  async ask(input, a) {
    const volume = a.spec.bootVolume!;
    const min = a.image ? imageMinimumGiB(a.image) : 1;
    volume.size = Number((await input.inputBox({
      prompt: l10n.t('Size of the boot volume in GiB (at least {0}, what the image needs)', min), value: String(Math.max(volume.size, min)),
      validate: (v) => sizeProblem(v, min),
    })).trim());
  },
};

const networksStep: FlowStep<LaunchAnswers> = {
  when: (a) => a.networkStep,
  async ask(input, { spec, loading }) {
    const { networks: nets } = await loading;
    const ref = refsOf(nets);
    const items: Item<Network>[] = nets.map((n) => {
      const problem = networkProblem(n);
      return {
        label: n.name || n.id, iconPath: problem ? new vscode.ThemeIcon('circle-slash') : undefined,
        description: [n.shared ? l10n.t('shared') : '', n.external ? l10n.t('external') : '', n.subnetIds.length === 1 ? l10n.t('1 subnet') : l10n.t('{0} subnets', n.subnetIds.length)].filter(Boolean).join(' · '),
        detail: problem ? l10n.t('Cannot be used: {0}', problem) : n.id,
        value: n,
      };
    });
    const previous = spec.networks === 'auto' ? [] : spec.networks;
    const chosen = await input.quickPickMany({
      placeholder: l10n.t('The project sees {0} networks, so nova needs to be told: check one (or more: one interface each, in order)', nets.length),
      items, selected: items.filter((i) => previous.some((p) => p.id === i.value.id)), matchOnDescription: true,
      refuse: (c) => {
        if (c.length === 0) return l10n.t('Check at least one network: with more than one, nova refuses to guess ("Multiple possible networks found")');
        const unusable = c.find((i) => networkProblem(i.value));
        return unusable && l10n.t('{0} cannot be used: {1}', unusable.value.name || unusable.value.id, networkProblem(unusable.value) ?? '');
      },
    });
    spec.networks = chosen.map((c) => ref(c.value));
  },
  summary: ({ spec }) => [l10n.t('Network'), spec.networks === 'auto' ? l10n.t('chosen by nova') : spec.networks.map((n) => n.name || n.id).join(', ')],
};

const securityGroupsStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec, loading }) {
    const { securityGroups: groups } = await loading;
    const ref = refsOf(groups);
    const items: Item<SecurityGroup>[] = groups.map((g) => ({
      label: g.name || g.id,
      description: [l10n.t('{0} ingress rules', g.rules.filter((r) => r.direction === 'ingress').length), g.description].filter(Boolean).join(' · '),
      value: g,
    }));
    const selected = spec.securityGroups.length
      ? items.filter((i) => spec.securityGroups.some((g) => g.id === i.value.id))
      : items.filter((i) => i.value.name === 'default');
    const chosen = await input.quickPickMany({
      placeholder: l10n.t('Security groups (Space toggles): which traffic may reach the instance. None checked means nova applies default.'),
      items, selected, matchOnDescription: true,
    });
    spec.securityGroups = chosen.map((c) => ref(c.value));
  },
  summary: ({ spec }) => [l10n.t('Security groups'), spec.securityGroups.length ? spec.securityGroups.map((g) => g.name).join(', ') : 'default'],
};

const keypairStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec, loading }) {
    const { keypairs } = await loading;
    const items: Item<string | undefined>[] = [
      { label: l10n.t('No key pair'), description: keypairs.length ? undefined : l10n.t('you have none yet: "OpenStack: Import Key Pair…" adds one'), value: undefined },
      ...keypairs.map((k) => ({ label: k.name, iconPath: new vscode.ThemeIcon('key'), description: `${k.type} · ${k.fingerprint}`, value: k.name })),
    ];
    spec.keyName = (await input.quickPick({
      placeholder: l10n.t('Key pair: its public key is put into the instance for SSH logins'),
      items, active: items.find((i) => i.value === spec.keyName) ?? items[0],
    })).value;
  },
  summary: ({ spec }) => [l10n.t('Key pair'), spec.keyName ?? l10n.t('none: log in with the image\'s password, if it has one')],
};

const metadataStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const maxItems = Number(((await a.loading).limits.raw as { maxServerMeta?: number }).maxServerMeta ?? 128);
    a.metadataText = await input.inputBox({
      prompt: l10n.t('Metadata (optional): key=value pairs separated by commas, e.g. {0}', 'course=os101, role=web'),
      value: a.metadataText, validate: (v) => parseMetadata(v, maxItems).problem,
    });
    a.spec.metadata = parseMetadata(a.metadataText, maxItems).metadata ?? {};
  },
  summary: ({ spec }) => [l10n.t('Metadata'), formatMetadata(spec.metadata) || l10n.t('none')],
};

const userDataStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec }) {
    let note: string | undefined;
    for (;;) {
      const items: Item<'none' | 'keep' | 'choose'>[] = [
        { label: l10n.t('No user data'), value: 'none' },
        ...(spec.userDataFile ? [{ label: path.basename(spec.userDataFile), iconPath: new vscode.ThemeIcon('file'), description: spec.userDataFile, value: 'keep' as const }] : []),
        { label: l10n.t('Choose a file…'), iconPath: new vscode.ThemeIcon('folder-opened'), description: l10n.t('a cloud-init script or #cloud-config, run at first boot'), value: 'choose' },
      ];
      const chosen = await input.quickPick({
        placeholder: note ?? l10n.t('User data (optional): a script cloud-init runs at first boot'),
        items, active: items.find((i) => i.value === (spec.userDataFile ? 'keep' : 'none')),
      });
      if (chosen.value === 'none') spec.userDataFile = undefined;
      if (chosen.value !== 'choose') return;
      const picked = await vscode.window.showOpenDialog({
        title: l10n.t('Launch instance: choose the user data file'), openLabel: l10n.t('Use as User Data'), canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
      });
      if (!picked?.[0]) continue;
      const file = picked[0].fsPath;
      const size = (await stat(file).catch(() => undefined))?.size;
      if (size === undefined) note = l10n.t('Cannot read {0}: choose another file', file);
      else if (size > MAX_USER_DATA_BYTES) note = l10n.t('{0} is {1}: nova takes at most {2} of user data', path.basename(file), formatBytes(size), formatBytes(MAX_USER_DATA_BYTES));
      else {
        spec.userDataFile = file;
        return;
      }
    }
  },
  summary: ({ spec }) => [l10n.t('User data'), spec.userDataFile ?? l10n.t('none')],
};

const countStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const room = await headroom(a);
    const prompt = Number.isFinite(room.maxCount)
      ? l10n.t('How many instances; the quota leaves room for {0} of {1}. More than one are named {2}, {3}, …', room.maxCount, a.spec.flavor.name, `${a.spec.name}-1`, `${a.spec.name}-2`)
      : l10n.t('How many instances. More than one are named {0}, {1}, …', `${a.spec.name}-1`, `${a.spec.name}-2`);
    a.spec.count = Number(await input.inputBox({
      prompt,
      value: String(a.spec.count), validate: (v) => countProblem(v, room),
    }));
  },
  summary: ({ spec }) => [l10n.t({ message: 'Count', comment: ['how many instances to launch'] }), String(spec.count)],
};

const ASKED = [nameStep, imageStep, flavorStep, bootStep, bootVolumeSizeStep, networksStep, securityGroupsStep, keypairStep, metadataStep, userDataStep, countStep];
const summaryStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const rows = summaryRows(ASKED, a);
    for (;;) {
      const items: Item<'launch' | 'copy' | 'row'>[] = [
        { iconPath: new vscode.ThemeIcon('rocket'), label: a.spec.count > 1 ? l10n.t('Launch {0} instances', a.spec.count) : l10n.t('Launch instance'), value: 'launch' },
        { label: l10n.t('Copy as openstack CLI'), iconPath: new vscode.ThemeIcon('copy'), description: l10n.t('and stay here'), detail: joinNotes(a.note, bootVolumeCliNote(a.spec)), value: 'copy' },
        separator(l10n.t('Summary (Back to change)')),
        ...rows.map(([label, description]): Item<'row'> => ({ label, description, value: 'row' })),
      ];
      const chosen = await input.quickPick({ placeholder: l10n.t('Launch? Back changes an answer'), items, matchOnDescription: true });
      if (chosen.value === 'launch') return;
      if (chosen.value === 'copy') await copyCli(a.cli(a.spec), joinNotes(a.note, bootVolumeCliNote(a.spec)));
    }
  },
};
/** Name → image → flavor → [root disk → boot volume size] → [networks] → security groups → key pair → metadata → user data → count → summary. */
const LAUNCH_STEPS = [...ASKED, summaryStep];

/**
 * Creates COUNT servers in one request (min_count = max_count, so nova creates all or none). Requests:
 * POST /servers; the user data file is read here.
 */
export async function executeLaunch(spec: LaunchSpec, target: Target, signal: AbortSignal, changed?: Changed): Promise<CreatedServer> {
  const userData = spec.userDataFile ? await readFile(spec.userDataFile) : undefined;
  if (signal.aborted) throw new Cancelled();
  // not abortable once sent: a cut-short POST may still create the servers, which the tree then shows
  const created = await target.client.compute.createServer({
    name: spec.name,
    imageRef: spec.image.id,
    flavorRef: spec.flavor.id,
    bootVolume: spec.bootVolume,
    networks: spec.networks === 'auto' ? 'auto' : spec.networks.map((n) => ({ uuid: n.id })),
    securityGroups: spec.securityGroups.length ? spec.securityGroups.map((g) => g.id) : undefined,
    keyName: spec.keyName,
    metadata: Object.keys(spec.metadata).length ? spec.metadata : undefined,
    userData,
    minCount: spec.count,
    maxCount: spec.count,
  });
  await changed?.('servers');
  return created;
}

/**
 * Warns in a modal when the launch will not fit (the quota, the hosts' RAM); rejects with Cancelled unless the user
 * goes on. The check is advice: when the cloud cannot answer it, the launch goes ahead (and the log says why).
 */
export async function confirmCapacity(target: Target, spec: LaunchSpec, flavor: Flavor, log?: Log): Promise<void> {
  const need: LaunchNeed = { ram: flavor.ram, vcpus: flavor.vcpus, count: spec.count };
  let room: LaunchRoom;
  try {
    room = await loadLaunchRoom(target);
  } catch (err) {
    log?.warn(`launch: the capacity check could not read the limits: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const warnings = capacityWarnings(need, room);
  if (warnings.length === 0) return;
  const anyway = l10n.t('Launch Anyway');
  const question = l10n.t('{0} may not fit: launch anyway?', spec.count > 1 ? l10n.t('{0} instances of {1}', spec.count, flavor.name) : flavor.name);
  const choice = await vscode.window.showWarningMessage(plainText(question), { modal: true, detail: plainText(warnings.join('\n')) }, anyway);
  if (choice !== anyway) throw new Cancelled();
}

export async function launchInstance(deps: ProjectCommandDeps, node?: unknown): Promise<void> {
  const target = await projectContext(node, deps);
  const context = await target.cli();
  const { spec, flavor } = await collectAnswers(target, (s) => launchCli(s, context), cliNote(context));
  await confirmCapacity(target, spec, flavor, deps.log);
  await withProgress(l10n.t('Launching {0}', spec.name), (signal) => executeLaunch(spec, target, signal, changedIn(deps, target)));
  const message = spec.count > 1
    ? l10n.t('Launching {0} instances ({1} … {2}): they show as BUILD in the OpenStack view until they are ACTIVE.', spec.count, `${spec.name}-1`, `${spec.name}-${spec.count}`)
    : l10n.t('Launching \'{0}\': they show as BUILD in the OpenStack view until they are ACTIVE.', spec.name);
  done(message, launchCli(spec, context), joinNotes(cliNote(context), bootVolumeCliNote(spec)));
}
