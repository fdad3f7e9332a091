import * as l10n from '@vscode/l10n';
import { readFile as fsReadFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors';

export type ReadFile = (path: string) => Promise<string>;

export const readUtf8: ReadFile = (path) => fsReadFile(path, 'utf8');

export interface FoundFile {
  path?: string;
  /** The parsed document; null for an empty file. */
  data?: unknown;
  problems: ConfigError[];
}

/**
 * openstacksdk's _load_yaml_json_file: the first candidate that exists and parses wins.
 * Like openstacksdk, an unreadable or malformed file is skipped in favour of the next one,
 * but here it is also reported.
 */
export async function readFirstConfigFile(candidates: readonly string[], readFile: ReadFile): Promise<FoundFile> {
  const problems: ConfigError[] = [];
  for (const path of candidates) {
    let text: string;
    try {
      text = await readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        problems.push(
          new ConfigError('unreadable-file', l10n.t('{0} cannot be read ({1}); fix its permissions or remove it', path, code ?? String(err)), { file: path }),
        );
      }
      continue;
    }
    const parsed = path.endsWith('json') ? parseJson(path, text) : parseYaml(path, text);
    if (parsed instanceof ConfigError) {
      problems.push(parsed);
      continue;
    }
    return { path, data: parsed.data, problems };
  }
  return { problems };
}

function parseYaml(path: string, text: string): { data: unknown } | ConfigError {
  // PyYAML reads YAML 1.1 (so `verify: no` is false) and lets a repeated key win silently.
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return malformed(path, 'YAML', reason, pos?.line, pos?.col);
  }
  try {
    return { data: doc.toJS() };
  } catch (err) {
    // toJS throws on alias abuse (e.g. a "billion laughs" file).
    return malformed(path, 'YAML', (err as Error).message);
  }
}

function parseJson(path: string, text: string): { data: unknown } | ConfigError {
  try {
    return { data: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const offset = /at position (\d+)/.exec(message);
    if (!offset) return malformed(path, 'JSON', message);
    const before = text.slice(0, Number(offset[1])).split('\n');
    return malformed(path, 'JSON', message.replace(/ in JSON at position \d+.*$/, ''), before.length, before[before.length - 1].length + 1);
  }
}

function malformed(path: string, format: 'YAML' | 'JSON', reason: string, line?: number, column?: number): ConfigError {
  const message = line === undefined
    ? l10n.t('{0} is not valid {1}: {2}. Fix it there; until then it is skipped, as openstacksdk does', path, format, reason)
    : l10n.t('{0} is not valid {1} at line {2}, column {3}: {4}. Fix it there; until then it is skipped, as openstacksdk does', path, format, line, column ?? '', reason);
  return new ConfigError(
    'malformed-file',
    message,
    { file: path, line, column },
  );
}
