// Nova resources as the UI shows them: the fields it reads, named for TypeScript, and `raw` for Inspect.
import * as l10n from '@vscode/l10n';
import { OpenStackError } from './errors';

type Raw = Record<string, unknown>;

export interface ServerAddress {
  /** The network's name, as nova keys `addresses`. */
  network: string;
  addr: string;
  version: number;
  type?: 'fixed' | 'floating';
  mac?: string;
}

export interface Server {
  id: string;
  name: string;
  /** ACTIVE, BUILD, SHUTOFF, ERROR, … */
  status: string;
  /** A transition in progress (`powering-off`, `rebooting`, …), or null. */
  taskState: string | null;
  /** 0 NOSTATE, 1 RUNNING, 3 PAUSED, 4 SHUTDOWN, 6 CRASHED, 7 SUSPENDED. */
  powerState?: number;
  /** Nova's cached view, updated a moment after Neutron changes: read floating IPs from Neutron. */
  addresses: ServerAddress[];
  /** Embedded since 2.47 (name and sizes, no id); only the id before. */
  flavor: { id?: string; name?: string; vcpus?: number; ram?: number; disk?: number };
  /** Undefined when the server boots from a volume. */
  imageId?: string;
  keyName?: string;
  securityGroups: string[];
  availabilityZone?: string;
  created: string;
  updated: string;
  /** Why the server is in ERROR. */
  fault?: { code: number; message: string };
  metadata: Record<string, string>;
  locked?: boolean;
  raw: Raw;
}

export interface NovaServer {
  id: string;
  name: string;
  status: string;
  'OS-EXT-STS:task_state'?: string | null;
  'OS-EXT-STS:power_state'?: number;
  addresses?: Record<string, { addr: string; version: number; 'OS-EXT-IPS:type'?: 'fixed' | 'floating'; 'OS-EXT-IPS-MAC:mac_addr'?: string }[]>;
  flavor?: { id?: string; original_name?: string; vcpus?: number; ram?: number; disk?: number };
  image?: { id: string } | '';
  key_name?: string | null;
  security_groups?: { name: string }[];
  'OS-EXT-AZ:availability_zone'?: string;
  created: string;
  updated: string;
  fault?: { code: number; message: string };
  metadata?: Record<string, string>;
  locked?: boolean;
}

export function toServer(s: NovaServer): Server {
  const addresses = Object.entries(s.addresses ?? {}).flatMap(([network, list]) =>
    list.map((a) => ({ network, addr: a.addr, version: a.version, type: a['OS-EXT-IPS:type'], mac: a['OS-EXT-IPS-MAC:mac_addr'] })));
  const flavor = s.flavor ?? {};
  return {
    id: s.id, name: s.name, status: s.status, taskState: s['OS-EXT-STS:task_state'] ?? null,
    powerState: s['OS-EXT-STS:power_state'], addresses,
    flavor: { id: flavor.id, name: flavor.original_name, vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk },
    imageId: s.image ? s.image.id : undefined, keyName: s.key_name ?? undefined,
    // Nova lists a group once per port.
    securityGroups: [...new Set((s.security_groups ?? []).map((g) => g.name))],
    availabilityZone: s['OS-EXT-AZ:availability_zone'], created: s.created, updated: s.updated,
    fault: s.fault && { code: s.fault.code, message: s.fault.message }, metadata: s.metadata ?? {}, locked: s.locked,
    raw: s as unknown as Raw,
  };
}

export type ServerNetworks =
  | ({ uuid: string; fixedIp?: string } | { port: string })[]
  /** Nova allocates a network for the project (get-me-a-network). */
  | 'auto'
  | 'none';

export interface ServerCreate {
  name: string;
  imageRef: string;
  flavorRef: string;
  networks: ServerNetworks;
  /** Names (or ids); nova applies them to the ports it creates, not to ports passed in. */
  securityGroups?: string[];
  keyName?: string;
  metadata?: Record<string, string>;
  /** The script itself: it is base64-encoded here. */
  userData?: string | Buffer;
  minCount?: number;
  maxCount?: number;
  availabilityZone?: string;
  /** Boot from a new volume made from imageRef (block_device_mapping_v2) instead of the flavor's local disk. */
  bootVolume?: BootVolume;
}

export interface BootVolume {
  /** GiB. */
  size: number;
  /** Delete the volume with the instance; otherwise it stays, available, for another instance. */
  deleteOnTermination: boolean;
}

/** Nova's block_device_mapping_v2 entry that makes the root disk a new volume of the image. */
function bootVolumeMapping(imageRef: string, volume: BootVolume): Raw[] {
  return [{
    boot_index: 0, uuid: imageRef, source_type: 'image', destination_type: 'volume',
    volume_size: volume.size, delete_on_termination: volume.deleteOnTermination,
  }];
}

// Nova's limit on the encoded user data.
const MAX_USER_DATA = 65535;

export function serverCreateBody(spec: ServerCreate): { server: Raw } {
  const networks = Array.isArray(spec.networks)
    ? spec.networks.map((n) => ('port' in n ? { port: n.port } : { uuid: n.uuid, fixed_ip: n.fixedIp }))
    : spec.networks;
  const userData = spec.userData === undefined ? undefined : Buffer.from(spec.userData).toString('base64');
  if (userData !== undefined && userData.length > MAX_USER_DATA) {
    const text = l10n.t('User data is {0} bytes once base64-encoded; nova accepts at most {1}.', userData.length, MAX_USER_DATA);
    throw new OpenStackError({ kind: 'config', text, service: 'Nova' });
  }
  return {
    server: {
      name: spec.name, flavorRef: spec.flavorRef, networks,
      // booting from a volume, the image is the volume's source: nova takes it from the mapping
      ...(spec.bootVolume ? { block_device_mapping_v2: bootVolumeMapping(spec.imageRef, spec.bootVolume) } : { imageRef: spec.imageRef }),
      security_groups: spec.securityGroups?.map((name) => ({ name })), key_name: spec.keyName, metadata: spec.metadata,
      user_data: userData, min_count: spec.minCount, max_count: spec.maxCount, availability_zone: spec.availabilityZone,
    },
  };
}

export interface Flavor {
  id: string;
  name: string;
  vcpus: number;
  /** MiB. */
  ram: number;
  /** GiB. */
  disk: number;
  isPublic: boolean;
  raw: Raw;
}

export interface NovaFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
  'os-flavor-access:is_public'?: boolean;
}

export function toFlavor(f: NovaFlavor): Flavor {
  return {
    id: f.id, name: f.name, vcpus: f.vcpus, ram: f.ram, disk: f.disk, isPublic: f['os-flavor-access:is_public'] ?? true,
    raw: f as unknown as Raw,
  };
}

export interface Keypair {
  name: string;
  fingerprint: string;
  publicKey: string;
  /** 'ssh' or 'x509'. */
  type: string;
  raw: Raw;
}

export interface NovaKeypair {
  name: string;
  fingerprint: string;
  public_key: string;
  type?: string;
}

export function toKeypair(k: NovaKeypair): Keypair {
  return { name: k.name, fingerprint: k.fingerprint, publicKey: k.public_key, type: k.type ?? 'ssh', raw: k as unknown as Raw };
}

export interface Usage {
  used: number;
  /** -1 for unlimited. */
  limit: number;
}

export interface ComputeLimits {
  instances: Usage;
  cores: Usage;
  /** MiB. */
  ram: Usage;
  raw: Raw;
}

export interface NovaAbsoluteLimits {
  maxTotalInstances: number;
  totalInstancesUsed: number;
  maxTotalCores: number;
  totalCoresUsed: number;
  maxTotalRAMSize: number;
  totalRAMUsed: number;
}

export function toLimits(a: NovaAbsoluteLimits): ComputeLimits {
  return {
    instances: { used: a.totalInstancesUsed, limit: a.maxTotalInstances },
    cores: { used: a.totalCoresUsed, limit: a.maxTotalCores },
    ram: { used: a.totalRAMUsed, limit: a.maxTotalRAMSize },
    raw: a as unknown as Raw,
  };
}

/** The console types this client opens; each implies its protocol. */
export type RemoteConsoleType = 'novnc' | 'serial' | 'spice-html5';

export const CONSOLE_PROTOCOL: Record<RemoteConsoleType, string> = { novnc: 'vnc', serial: 'serial', 'spice-html5': 'spice' };

export interface RemoteConsole {
  protocol: string;
  type: string;
  /** Carries a one-time token valid for [consoleauth] token_ttl (600 s by default): never log it unredacted. */
  url: string;
}

/** Nova's `os-services` entry: whether a host's service reports in (state) and may be scheduled to (status). */
export interface NovaService {
  binary: string;
  host: string;
  /** up or down. */
  state: string;
  /** enabled or disabled (a disabled host still runs its instances). */
  status: string;
}
