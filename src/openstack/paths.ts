// Request paths with their variable parts encoded: an id or key pair name cannot change the path.

/** A tagged template: path`/servers/${id}/action` encodes each interpolated value as one segment. */
export function path(strings: TemplateStringsArray, ...segments: string[]): string {
  return strings.reduce((out, text, i) => out + text + (i < segments.length ? encodeURIComponent(segments[i]) : ''), '');
}

/** An array repeats the key (`device_owner=a&device_owner=b`), which Neutron reads as "any of". */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** PATH with the defined entries of QUERY as its query string. */
export function withQuery(base: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
