// Nova microversions, negotiated per feature as Horizon does: each feature names the range it works with,
// and a request asks for the highest version in that range the server (and a pinned compute_api_version) allows.
import * as l10n from '@vscode/l10n';
import { readOnce } from './abortable';
import { OpenStackError } from './errors';
import type { Session } from './session';

// The highest version the models were written against, Skyline's global default: servers embed their flavor
// (2.47) and carry locked_reason (2.73); nothing the UI reads changes between it and a Zed cloud's 2.93, while
// asking for "latest" would let a newer nova change response shapes under the UI.
const CEILING = '2.79';

/** Per feature: [the first microversion that has it, the highest the client asks for]. */
export const COMPUTE_FEATURES = {
  /** Server list, show, actions and console output; flavors; limits. */
  default: ['2.1', CEILING],
  /** 2.37 requires `networks` and accepts 'auto' and 'none'. */
  serverCreate: ['2.37', CEILING],
  /** `POST /servers/{id}/remote-consoles`. */
  remoteConsoles: ['2.6', CEILING],
  /** 2.2 adds the key type; 2.35 pages the list. */
  keypairs: ['2.2', CEILING],
} as const satisfies Record<string, readonly [string, string]>;

export type ComputeFeature = keyof typeof COMPUTE_FEATURES;

export interface VersionRange {
  min: string;
  max: string;
}

/** What needs a microversion, as a refusal names it. */
function labelOf(feature: ComputeFeature): string {
  switch (feature) {
    case 'default': return l10n.t('this client');
    case 'serverCreate': return l10n.t('server creation with explicit networks');
    case 'remoteConsoles': return l10n.t('the remote console API');
    case 'keypairs': return l10n.t('the key pair API');
  }
}

export class ComputeVersions {
  /** The microversions the server supports, read once per session from nova's version document. */
  readonly supported = readOnce(() => this.discover());

  constructor(private readonly session: Session) {}

  async negotiate(feature: ComputeFeature, signal?: AbortSignal): Promise<string> {
    return negotiate(feature, await this.supported(signal), this.session.apiVersion('compute'));
  }

  /** The modern header and the legacy one that nova before 2.27 reads. */
  async headers(feature: ComputeFeature, signal?: AbortSignal): Promise<Record<string, string>> {
    const version = await this.negotiate(feature, signal);
    return { 'openstack-api-version': `compute ${version}`, 'x-openstack-nova-api-version': version };
  }

  private async discover(): Promise<VersionRange> {
    // The document sits at the version root, above an optional /{project_id}.
    const root = (await this.session.endpoint('compute')).replace(/(\/v2\.1)(\/.*)?$/, '$1/');
    const doc = await (await this.session.request('compute', root)).json<{ version?: { version?: string; min_version?: string } }>();
    return { min: doc?.version?.min_version || '2.1', max: doc?.version?.version || '2.1' };
  }
}

/** The microversion to send for FEATURE to a server supporting SERVER, honouring a `compute_api_version` pin. */
export function negotiate(feature: ComputeFeature, server: VersionRange, apiVersion?: string): string {
  const [min, max] = COMPUTE_FEATURES[feature];
  const { version, pin } = highestAllowed(max, server, apiVersion);
  if (compareVersions(version, min) >= 0 && compareVersions(version, server.min) >= 0) return version;
  const label = labelOf(feature);
  let text: string;
  if (compareVersions(server.max, min) < 0) text = l10n.t('Nova supports microversions up to {0}, but {1} needs {2} or later.', server.max, label, min);
  else if (pin && compareVersions(pin, min) < 0) text = l10n.t('compute_api_version {0} is below {1}, which {2} needs: raise or remove it.', pin, min, label);
  else if (pin && compareVersions(pin, server.min) < 0) text = l10n.t('compute_api_version {0} is below {1}, the lowest Nova accepts: raise or remove it.', pin, server.min);
  else text = l10n.t('Nova requires microversion {0} or later, but this client speaks up to {1}.', server.min, max);
  throw new OpenStackError({ kind: 'config', text });
}

/**
 * The highest microversion both this client (CEILING) and the server speak, lowered to the `<service>_api_version`
 * PIN when one is set. As openstacksdk: '2' or '2.0' only selects the API; '2.53' also pins the microversion.
 */
export function highestAllowed(ceiling: string, server: VersionRange, apiVersion?: string): { version: string; pin?: string } {
  const pin = apiVersion && /^\d+\.[1-9]\d*$/.test(apiVersion) ? apiVersion : undefined;
  const version = lowerVersion(ceiling, server.max);
  return { version: pin ? lowerVersion(version, pin) : version, pin };
}

/** The lower of two microversions. */
function lowerVersion(a: string, b: string): string {
  return compareVersions(a, b) <= 0 ? a : b;
}

/** Negative, zero or positive as microversion A is below, equal to or above B. */
export function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor = 0] = a.split('.').map(Number);
  const [bMajor, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
