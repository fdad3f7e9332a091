// Helpers for the loosely typed dicts that clouds.yaml parses into.

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** openstacksdk's _util.merge_clouds: nested mappings merge, anything else from `over` replaces. */
export function deepMerge(base: Mapping, over: Mapping): Mapping {
  const merged: Mapping = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const old = merged[key];
    merged[key] = isMapping(value) && isMapping(old) ? deepMerge(old, value) : value;
  }
  return merged;
}

/**
 * openstacksdk's _util.normalize_keys: '-' in keys becomes '_', and numbers become strings
 * (so `project_id: 1234` is the string '1234') except api_timeout, which stays a number.
 */
export function normaliseKeys(dict: Mapping): Mapping {
  const out: Mapping = {};
  for (const [rawKey, value] of Object.entries(dict)) {
    const key = rawKey.replace(/-/g, '_');
    if (isMapping(value)) out[key] = normaliseKeys(value);
    else if (typeof value === 'number' && key !== 'api_timeout') out[key] = String(value);
    else out[key] = value;
  }
  return out;
}

/** A usable string value: numbers were already stringified, and '' means unset as in shells. */
export function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
