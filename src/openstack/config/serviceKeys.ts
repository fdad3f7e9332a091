import { type Mapping, stringValue } from './mappings';

// os-service-types aliases (service-types.json), so `volumev3_api_version` lands on block-storage.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'block-storage': ['volumev3', 'volumev2', 'volume', 'block-store'],
  'shared-file-system': ['sharev2', 'share'],
  'container-infrastructure-management': ['container-infrastructure', 'container-infra'],
  'application-container': ['container'],
  'instance-ha': ['ha'],
  'operator-policy': ['policy'],
  'resource-optimization': ['infra-optim'],
  'root-cause-analysis': ['rca'],
  'monitoring-logging': ['monitoring-log-api'],
  'multi-region-network-automation': ['tricircle'],
  'admin-logic': ['registration'],
  baremetal: ['bare-metal'],
  clustering: ['resource-cluster', 'cluster'],
  workflow: ['workflowv2'],
  message: ['messaging'],
  alarm: ['alarming'],
  meter: ['metering', 'telemetry'],
  event: ['events'],
};

/** `<service>_endpoint_override` (or the plainer `<service>_endpoint`, which it beats), as cloud_region.get_endpoint reads them. */
export function endpointOverrides(conf: Mapping): Record<string, string> {
  return { ...perService(conf, '_endpoint'), ...perService(conf, '_endpoint_override') };
}

/** `<service>_api_version`; like cloud_region.get_api_version, non-numeric values such as 'latest' are ignored. */
export function apiVersions(conf: Mapping): Record<string, string> {
  const versions = perService(conf, '_api_version');
  return Object.fromEntries(Object.entries(versions).filter(([, v]) => /^\d+(\.\d+)?$/.test(v)));
}

// Keys are `<service>_<suffix>` with '-' spelled '_'; where a service is named more than one way,
// the official name beats its aliases and earlier aliases beat later ones (cloud_region._get_config).
function perService(conf: Mapping, suffix: string): Record<string, string> {
  const found = new Map<string, { value: string; rank: number }>();
  for (const [key, raw] of Object.entries(conf)) {
    const value = stringValue(raw);
    if (!key.endsWith(suffix) || key.length === suffix.length || value === undefined) continue;
    const { type, rank } = officialType(key.slice(0, -suffix.length).replace(/_/g, '-'));
    const previous = found.get(type);
    if (!previous || rank < previous.rank) found.set(type, { value, rank });
  }
  return Object.fromEntries([...found].map(([type, { value }]) => [type, value]));
}

function officialType(name: string): { type: string; rank: number } {
  for (const [type, aliases] of Object.entries(ALIASES)) {
    const index = aliases.indexOf(name);
    if (index >= 0) return { type, rank: index + 1 };
  }
  return { type: name, rank: 0 };
}
