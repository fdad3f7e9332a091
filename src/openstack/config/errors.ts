/** Lets callers group or react to problems without parsing messages. */
export type ConfigErrorCode =
  | 'unreadable-file'
  | 'malformed-file'
  | 'not-a-mapping'
  | 'no-clouds-key'
  | 'bad-cloud'
  | 'bad-value'
  | 'missing-auth-url'
  | 'unknown-auth-type'
  | 'missing-credential'
  | 'unknown-cloud'
  | 'name-clash';

export interface ConfigErrorLocation {
  readonly file?: string;
  readonly cloud?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A configuration problem whose message names the file and the fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly file?: string;
  readonly cloud?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(
    readonly code: ConfigErrorCode,
    message: string,
    where: ConfigErrorLocation = {},
  ) {
    super(message);
    this.file = where.file;
    this.cloud = where.cloud;
    this.line = where.line;
    this.column = where.column;
  }
}
