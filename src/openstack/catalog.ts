// Endpoint lookup in a Keystone v3 catalog, the way keystoneauth does it: by official service type or one of
// its os-service-types aliases, then interface, then region; the first match wins.
import * as l10n from '@vscode/l10n';
import { OpenStackError } from './errors';

export type EndpointInterface = 'public' | 'internal' | 'admin';

export interface CatalogEndpoint {
  interface: string;
  region?: string | null;
  region_id?: string | null;
  url: string;
}

export interface CatalogEntry {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface CatalogFilter {
  /** 'public', 'internal', 'admin', or their v2 spelling ('publicURL'). */
  interface: string;
  region?: string;
  /** The cloud's name, for messages. */
  cloud?: string;
}

// From os-service-types (service-types.json): older deployments register these names.
const ALIASES: Record<string, string[]> = {
  'block-storage': ['volumev3', 'volumev2', 'volume', 'block-store'],
  'shared-file-system': ['sharev2', 'share'],
  'container-infrastructure-management': ['container-infrastructure', 'container-infra'],
  baremetal: ['bare-metal'],
};

/** The official service type for TYPE, which may be an alias (`volumev3` → `block-storage`). */
export function officialType(type: string): string {
  return Object.keys(ALIASES).find((official) => ALIASES[official].includes(type)) ?? type;
}

export class Catalog {
  private readonly filter: CatalogFilter;

  constructor(
    private readonly entries: CatalogEntry[],
    filter: CatalogFilter,
  ) {
    this.filter = { ...filter, interface: filter.interface.replace(/URL$/, '') };
  }

  /** The catalog URL of SERVICE_TYPE (or an alias of its type); throws a config error naming what is there. */
  url(serviceType: string): string {
    const found = this.find(serviceType);
    if (found) return found;
    const { cloud, region } = this.filter;
    const where = region ? l10n.t('for interface {0} in region {1}', this.filter.interface, region) : l10n.t('for interface {0}', this.filter.interface);
    const offered = this.entries.filter((entry) => entry.endpoints.some((e) => this.matches(e))).map((entry) => entry.type);
    const available = offered.length ? offered.join(', ') : this.everything() || l10n.t('nothing');
    const type = officialType(serviceType);
    const text = cloud
      ? l10n.t("The catalog of cloud {0} has no '{1}' endpoint {2}; available: {3}.", cloud, type, where, available)
      : l10n.t("The catalog has no '{0}' endpoint {1}; available: {2}.", type, where, available);
    throw new OpenStackError({ kind: 'config', text });
  }

  hasService(serviceType: string): boolean {
    return this.find(serviceType) !== undefined;
  }

  private find(serviceType: string): string | undefined {
    const official = officialType(serviceType);
    for (const type of [official, ...(ALIASES[official] ?? [])]) {
      for (const entry of this.entries) {
        if (entry.type !== type) continue;
        const endpoint = entry.endpoints.find((e) => this.matches(e));
        if (endpoint) return endpoint.url;
      }
    }
    return undefined;
  }

  private matches(endpoint: CatalogEndpoint): boolean {
    const { region } = this.filter;
    return endpoint.interface === this.filter.interface && (!region || endpoint.region_id === region || endpoint.region === region);
  }

  /** Every type with the interfaces and regions it has, for when nothing matches the filter at all. */
  private everything(): string {
    return this.entries
      .map((entry) => `${entry.type} (${[...new Set(entry.endpoints.map((e) => l10n.t('{0} in {1}', e.interface, e.region_id ?? e.region ?? l10n.t('any region'))))].join(', ')})`)
      .join(', ');
  }
}
