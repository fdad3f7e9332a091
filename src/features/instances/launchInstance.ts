// OpenStack: Launch Instance…: the six or so Horizon steps a student needs, as one multi-step input: name,
// image (active ones), flavor (the project's quota headroom shown, flavors that do not fit refused with the
// reason), network(s) (asked only when the project sees more than one), security groups, key pair, metadata,
// user data, count, and a summary with "Copy as openstack CLI". Everything is loaded in parallel when the
// command starts, while the user types the name.
import { readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { formatBytes } from '../../core/format';
import type { CreatedServer } from '../../openstack/compute';
import type { ComputeLimits, Flavor, Keypair } from '../../openstack/computeModels';
import type { Image } from '../../openstack/image';
import type { Network, SecurityGroup } from '../../openstack/networkModels';
import { changedIn, copyCli, done, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import {
  countProblem, flavorHeadroom, formatMetadata, instanceNameProblem, launchCli, networkProblem, parseMetadata, quotaSummary, uniqueNames,
  zeroDiskProblem, type Headroom, type LaunchSpec, type Ref,
} from './model/launchInstanceInputs';
import { runFlow, summaryRows, type FlowStep } from '../../ui/flow';
import { cliNote } from '../../core/cliLine';
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
}

/** Everything the steps offer, in one parallel round. Requests: GET images, flavors/detail, limits, networks, security-groups, os-keypairs. */
export async function loadLaunchChoices(target: Target, signal?: AbortSignal): Promise<LaunchChoices> {
  const { compute, network, image } = target.client;
  const [images, flavors, limits, networks, securityGroups, keypairs] = await Promise.all([
    // an admin's token lists every project's private images: offer what the project sees
    (target.client.session.isAdmin ? image.projectImages(target.projectId, { status: 'active' }) : image.images({ status: 'active' })).toArray(signal),
    compute.flavors().toArray(signal),
    compute.limits(signal),
    network.networks().toArray(signal),
    network.securityGroups().toArray(signal),
    compute.keypairs().toArray(signal),
  ]);
  return {
    images: images.sort((a, b) => a.name.localeCompare(b.name)),
    flavors: flavors.sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk || a.name.localeCompare(b.name)),
    limits,
    networks: networks.filter((n) => n.projectId === target.projectId || n.shared).sort((a, b) => a.name.localeCompare(b.name)),
    securityGroups: securityGroups.filter((g) => ownedBy(g, target.projectId)).sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name))),
    keypairs,
  };
}

function refsOf<T extends { id: string; name: string }>(all: readonly T[]): (item: T) => Ref {
  const unique = uniqueNames(all);
  return (item) => ({ id: item.id, name: item.name, uniqueName: unique.has(item.name) });
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
  };
  await runFlow('Launch instance', state, LAUNCH_STEPS);
  return { spec: state.spec, flavor: state.flavor! };
}

/** The quota headroom of F, and whether nova lets this user boot on it at all. */
function rate(a: LaunchAnswers, f: Flavor, limits: ComputeLimits): Headroom {
  const room = flavorHeadroom(f, limits, a.image);
  const disk = zeroDiskProblem(f, a.admin);
  return disk ? { ...room, fits: false, reasons: [disk, ...room.reasons] } : room;
}

const headroom = async (a: LaunchAnswers) => flavorHeadroom(a.flavor!, (await a.loading).limits, a.image);

const nameStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec }) {
    spec.name = await input.inputBox({ prompt: 'Instance name', value: spec.name, validate: instanceNameProblem });
  },
  summary: ({ spec }) => ['Name', spec.count > 1 ? `${spec.name}-1 … ${spec.name}-${spec.count}` : spec.name],
};

const imageStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const { images, networks: nets } = await a.loading;
    // the network step is skipped when there is exactly one network (taken) or none (refused now, before more steps)
    if (!nets.some((n) => !networkProblem(n))) {
      const without = nets.length ? ` (${nets.map((n) => n.name || n.id).join(', ')} ${nets.length === 1 ? 'has' : 'have'} no subnet)` : '';
      throw new Refused(`The project has no network an instance can attach to${without}: create a network with a subnet first (and a router to reach the outside).`,
        { title: 'Create Network…', command: 'openstack.createNetwork' });
    }
    a.networkStep = nets.length > 1;
    if (!a.networkStep) a.spec.networks = [refsOf(nets)(nets[0])];
    if (images.length === 0) throw new Refused('The project sees no active image: upload one first ("OpenStack: Upload Image…").', { title: 'Upload Image…', command: 'openstack.uploadImage' });
    const ref = refsOf(images);
    const items: Item<Image>[] = images.map((i) => ({
      label: i.name || i.id,
      description: [i.diskFormat, formatBytes(i.size), i.visibility, i.minDisk ? `min disk ${i.minDisk} GiB` : '', i.minRam ? `min RAM ${i.minRam} MiB` : ''].filter(Boolean).join(' · '),
      detail: i.id,
      value: i,
    }));
    a.image = (await input.quickPick({
      placeholder: 'Image to boot from (active images only)',
      items, active: items.find((i) => i.value.id === a.spec.image.id) ?? items.find((i) => /^cirros/i.test(i.label)) ?? items.find((i) => i.value.visibility === 'public') ?? items[0], matchOnDescription: true,
    })).value;
    a.spec.image = ref(a.image);
  },
  summary: ({ spec }) => ['Image', spec.image.name || spec.image.id],
};

const flavorStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const { flavors, limits } = await a.loading;
    const ref = refsOf(flavors);
    const rated = flavors.map((f) => ({ f, room: rate(a, f, limits) }));
    const fitting = rated.filter((r) => r.room.fits);
    const item = ({ f, room }: (typeof rated)[number]): Item<Flavor> => ({
      label: f.name, iconPath: room.fits ? undefined : new vscode.ThemeIcon('circle-slash'),
      description: `${f.vcpus} vCPU · ${formatBytes(f.ram * 1024 * 1024)} RAM · ${f.disk} GiB disk`,
      detail: room.fits ? undefined : `Cannot be used: ${room.reasons.join('; ')}`,
      value: f,
    });
    const items = [...fitting.map(item), ...(fitting.length < rated.length ? [separator<Flavor>('Cannot be used'), ...rated.filter((r) => !r.room.fits).map(item)] : [])];
    const preferred = items.find((i) => i.value?.id === a.spec.flavor.id) ?? items.find((i) => i.value?.name === 'm1.tiny' && fitting.some((r) => r.f === i.value)) ?? items[0];
    a.flavor = (await input.quickPick({
      placeholder: `Flavor (size). ${quotaSummary(limits)}`,
      items, active: preferred, matchOnDescription: true,
      refuse: (i) => {
        const room = rate(a, i.value, limits);
        return room.fits ? undefined : `${i.value.name} cannot be used: ${room.reasons.join('; ')}`;
      },
    })).value;
    a.spec.flavor = ref(a.flavor);
  },
  summary: ({ flavor: f, spec }) => ['Flavor', f ? `${f.name}: ${f.vcpus} vCPU, ${formatBytes(f.ram * 1024 * 1024)} RAM, ${f.disk} GiB disk` : spec.flavor.name],
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
        description: [n.shared ? 'shared' : '', n.external ? 'external' : '', `${n.subnetIds.length} subnet${n.subnetIds.length === 1 ? '' : 's'}`].filter(Boolean).join(' · '),
        detail: problem ? `Cannot be used: ${problem}` : n.id,
        value: n,
      };
    });
    const previous = spec.networks === 'auto' ? [] : spec.networks;
    const chosen = await input.quickPickMany({
      placeholder: `The project sees ${nets.length} networks, so nova needs to be told: check one (or more: one interface each, in order)`,
      items, selected: items.filter((i) => previous.some((p) => p.id === i.value.id)), matchOnDescription: true,
      refuse: (c) => {
        if (c.length === 0) return 'Check at least one network: with more than one, nova refuses to guess ("Multiple possible networks found")';
        const unusable = c.find((i) => networkProblem(i.value));
        return unusable && `${unusable.value.name || unusable.value.id} cannot be used: ${networkProblem(unusable.value)}`;
      },
    });
    spec.networks = chosen.map((c) => ref(c.value));
  },
  summary: ({ spec }) => ['Network', spec.networks === 'auto' ? 'chosen by nova' : spec.networks.map((n) => n.name || n.id).join(', ')],
};

const securityGroupsStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec, loading }) {
    const { securityGroups: groups } = await loading;
    const ref = refsOf(groups);
    const items: Item<SecurityGroup>[] = groups.map((g) => ({
      label: g.name || g.id,
      description: `${g.rules.filter((r) => r.direction === 'ingress').length} ingress rules${g.description ? ` · ${g.description}` : ''}`,
      value: g,
    }));
    const selected = spec.securityGroups.length
      ? items.filter((i) => spec.securityGroups.some((g) => g.id === i.value.id))
      : items.filter((i) => i.value.name === 'default');
    const chosen = await input.quickPickMany({
      placeholder: 'Security groups (Space toggles): which traffic may reach the instance. None checked means nova applies default.',
      items, selected, matchOnDescription: true,
    });
    spec.securityGroups = chosen.map((c) => ref(c.value));
  },
  summary: ({ spec }) => ['Security groups', spec.securityGroups.length ? spec.securityGroups.map((g) => g.name).join(', ') : 'default'],
};

const keypairStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec, loading }) {
    const { keypairs } = await loading;
    const items: Item<string | undefined>[] = [
      { label: 'No key pair', description: keypairs.length ? undefined : 'you have none yet: "OpenStack: Import Key Pair…" adds one', value: undefined },
      ...keypairs.map((k) => ({ label: k.name, iconPath: new vscode.ThemeIcon('key'), description: `${k.type} · ${k.fingerprint}`, value: k.name })),
    ];
    spec.keyName = (await input.quickPick({
      placeholder: 'Key pair: its public key is put into the instance for SSH logins',
      items, active: items.find((i) => i.value === spec.keyName) ?? items[0],
    })).value;
  },
  summary: ({ spec }) => ['Key pair', spec.keyName ?? 'none: log in with the image\'s password, if it has one'],
};

const metadataStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const maxItems = Number(((await a.loading).limits.raw as { maxServerMeta?: number }).maxServerMeta ?? 128);
    a.metadataText = await input.inputBox({
      prompt: 'Metadata (optional): key=value pairs separated by commas, e.g. course=os101, role=web',
      value: a.metadataText, validate: (v) => parseMetadata(v, maxItems).problem,
    });
    a.spec.metadata = parseMetadata(a.metadataText, maxItems).metadata ?? {};
  },
  summary: ({ spec }) => ['Metadata', formatMetadata(spec.metadata) || 'none'],
};

const userDataStep: FlowStep<LaunchAnswers> = {
  async ask(input, { spec }) {
    let note: string | undefined;
    for (;;) {
      const items: Item<'none' | 'keep' | 'choose'>[] = [
        { label: 'No user data', value: 'none' },
        ...(spec.userDataFile ? [{ label: path.basename(spec.userDataFile), iconPath: new vscode.ThemeIcon('file'), description: spec.userDataFile, value: 'keep' as const }] : []),
        { label: 'Choose a file…', iconPath: new vscode.ThemeIcon('folder-opened'), description: 'a cloud-init script or #cloud-config, run at first boot', value: 'choose' },
      ];
      const chosen = await input.quickPick({
        placeholder: note ?? 'User data (optional): a script cloud-init runs at first boot',
        items, active: items.find((i) => i.value === (spec.userDataFile ? 'keep' : 'none')),
      });
      if (chosen.value === 'none') spec.userDataFile = undefined;
      if (chosen.value !== 'choose') return;
      const picked = await vscode.window.showOpenDialog({
        title: 'Launch instance: choose the user data file', openLabel: 'Use as User Data', canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
      });
      if (!picked?.[0]) continue;
      const file = picked[0].fsPath;
      const size = (await stat(file).catch(() => undefined))?.size;
      if (size === undefined) note = `Cannot read ${file}: choose another file`;
      else if (size > MAX_USER_DATA_BYTES) note = `${path.basename(file)} is ${formatBytes(size)}: nova takes at most ${formatBytes(MAX_USER_DATA_BYTES)} of user data`;
      else {
        spec.userDataFile = file;
        return;
      }
    }
  },
  summary: ({ spec }) => ['User data', spec.userDataFile ?? 'none'],
};

const countStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const room = await headroom(a);
    const max = Number.isFinite(room.maxCount) ? `; the quota leaves room for ${room.maxCount} of ${a.spec.flavor.name}` : '';
    a.spec.count = Number(await input.inputBox({
      prompt: `How many instances${max}. More than one are named ${a.spec.name}-1, ${a.spec.name}-2, …`,
      value: String(a.spec.count), validate: (v) => countProblem(v, room),
    }));
  },
  summary: ({ spec }) => ['Count', String(spec.count)],
};

const ASKED = [nameStep, imageStep, flavorStep, networksStep, securityGroupsStep, keypairStep, metadataStep, userDataStep, countStep];
const summaryStep: FlowStep<LaunchAnswers> = {
  async ask(input, a) {
    const rows = summaryRows(ASKED, a);
    for (;;) {
      const items: Item<'launch' | 'copy' | 'row'>[] = [
        { iconPath: new vscode.ThemeIcon('rocket'), label: `Launch ${a.spec.count > 1 ? `${a.spec.count} instances` : 'instance'}`, value: 'launch' },
        { label: 'Copy as openstack CLI', iconPath: new vscode.ThemeIcon('copy'), description: 'and stay here', detail: a.note, value: 'copy' },
        separator('Summary (Back to change)'),
        ...rows.map(([label, description]): Item<'row'> => ({ label, description, value: 'row' })),
      ];
      const chosen = await input.quickPick({ placeholder: 'Launch? Back changes an answer', items, matchOnDescription: true });
      if (chosen.value === 'launch') return;
      if (chosen.value === 'copy') await copyCli(a.cli(a.spec), a.note);
    }
  },
};
/** Name → image → flavor → [networks] → security groups → key pair → metadata → user data → count → summary. */
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
  await withProgress(`Launching ${spec.name}`, (signal) => executeLaunch(spec, target, signal, changedIn(deps, target)));
  const names = spec.count > 1 ? `${spec.count} instances (${spec.name}-1 … ${spec.name}-${spec.count})` : `'${spec.name}'`;
  done(`Launching ${names}: they show as BUILD in the OpenStack view until they are ACTIVE.`, launchCli(spec, context), cliNote(context));
}
