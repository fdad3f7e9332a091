// Catalog URLs are often unversioned (`http://ctl:9696`, `http://ctl:9292`). Like openstacksdk's version
// handling, pin each API the client speaks to the major version it was written for, keeping a version
// (and nova's optional /{project_id}) that the URL already carries.
import * as l10n from '@vscode/l10n';
import { OpenStackError } from './errors';

interface VersionRule {
  /** The path segment appended when the URL has no version. */
  append: string;
  /** A segment that already names a version this client speaks. */
  accepts: RegExp;
}

const RULES: Record<string, VersionRule> = {
  identity: { append: 'v3', accepts: /^v3(\.\d+)?$/ },
  // Nova serves /v2 (legacy, no microversions) and /v2.1 side by side; /v2.1 is what discovery picks.
  compute: { append: 'v2.1', accepts: /^v2\.1$/ },
  network: { append: 'v2.0', accepts: /^v2\.0$/ },
  image: { append: 'v2', accepts: /^v2(\.\d+)?$/ },
  // Cinder's /v3 takes the microversion header; its /v2 (gone since Xena) has the same project path beside it.
  'block-storage': { append: 'v3', accepts: /^v3$/ },
};

/** URL pinned to the version of SERVICE_TYPE this client speaks, without a trailing slash. */
export function versionedRoot(serviceType: string, url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/').filter(Boolean);
  const rule = RULES[serviceType];
  if (rule) {
    const at = segments.findIndex((s) => /^v\d+(\.\d+)?$/.test(s));
    if (at < 0) segments.push(rule.append);
    else if (!rule.accepts.test(segments[at])) segments[at] = replacement(serviceType, segments[at], rule, url);
  }
  parsed.pathname = segments.join('/');
  return parsed.toString().replace(/\/+$/, '');
}

// Keystone v2.0, nova's legacy /v2 and Cinder's /v2 sit next to the version we want on the same server.
function replacement(serviceType: string, found: string, rule: VersionRule, url: string): string {
  if ((serviceType === 'identity' && found === 'v2.0') || ((serviceType === 'compute' || serviceType === 'block-storage') && found === 'v2')) return rule.append;
  throw new OpenStackError({
    kind: 'config',
    text: l10n.t('{0} is a {1} {2} endpoint; this client speaks {3}: set {4}.', url, serviceType, found, rule.append, `${serviceType.replace(/-/g, '_')}_endpoint_override`),
  });
}
