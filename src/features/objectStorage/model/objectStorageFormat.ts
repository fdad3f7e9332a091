// Object Storage's pure rules: which objects the editor may change, the content type an upload sends, names
// Swift accepts, and the openstack CLI lines of each command. No vscode import: unit-tested.
import * as l10n from '@vscode/l10n';
import { posix } from 'node:path';
import { cliLine, shellQuote, type CliContext } from '../../../core/cliLine';

/**
 * Objects up to this size open for editing; a bigger one opens read-only (VS Code holds a document whole, and a
 * save sends it whole), and above MAX_OPEN_BYTES it does not open at all: download it instead.
 */
export const MAX_EDIT_BYTES = 5 * 1024 * 1024;
export const MAX_OPEN_BYTES = 50 * 1024 * 1024;

// Content types that are not text: these objects open read-only (VS Code shows images in its image preview by
// their extension, and other binaries in its binary/hex editors).
const BINARY_TYPE = /^(image|audio|video|font)\/|^application\/(octet-stream|zip|gzip|x-gzip|x-tar|x-bzip2|x-xz|x-7z-compressed|pdf|vnd\.|x-iso9660-image|x-qemu-disk|java-archive|wasm)/i;

/** Whether the editor may write the object back: small, and a text content type. */
export function isEditable(bytes: number, contentType: string): boolean {
  return bytes <= MAX_EDIT_BYTES && !BINARY_TYPE.test(contentType);
}

const TYPES: Record<string, string> = {
  txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', log: 'text/plain', html: 'text/html', htm: 'text/html', css: 'text/css',
  js: 'text/javascript', mjs: 'text/javascript', ts: 'text/plain', json: 'application/json', xml: 'application/xml',
  yaml: 'application/yaml', yml: 'application/yaml', sh: 'text/x-shellscript', py: 'text/x-python', ini: 'text/plain', conf: 'text/plain',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', webp: 'image/webp',
  pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar', qcow2: 'application/octet-stream',
};

/** The Content-Type an upload of FILE sends, from its extension (what the CLI's mimetypes guess gives for the common ones). */
export function contentTypeFor(file: string): string {
  const ext = posix.extname(file.replace(/\\/g, '/')).slice(1).toLowerCase();
  return TYPES[ext] ?? (ext === '' ? 'text/plain' : 'application/octet-stream');
}

/** Swift's limits on a container name (constraints.py): at most 256 bytes, no '/'. */
export function containerNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return l10n.t('Enter a name.');
  if (trimmed.includes('/')) return l10n.t('A container name cannot contain "/" (pseudo-folders live inside containers).');
  if (Buffer.byteLength(trimmed) > 256) return l10n.t('At most 256 bytes.');
  return undefined;
}

/** A pseudo-folder prefix typed by the user: no leading '/', one trailing '/', or '' for the container's top. */
export function normalPrefix(text: string): string {
  const inner = text.trim().replace(/^\/+|\/+$/g, '');
  return inner ? `${inner}/` : '';
}

export const containerCreateCli = (context: CliContext, name: string): string => cliLine(context, ['container', 'create'], [name]);

/** With RECURSIVE the CLI deletes every object first, as "Delete Container and Its Objects…" does. */
export const containerDeleteCli = (context: CliContext, name: string, recursive = false): string =>
  cliLine(context, ['container', 'delete', recursive && '--recursive'], [name]);

export const objectUploadCli = (context: CliContext, container: string, file: string, object: string): string =>
  cliLine(context, ['object', 'create', ['--name', object]], [container, file]);

export const objectSaveCli = (context: CliContext, container: string, object: string, file: string): string =>
  cliLine(context, ['object', 'save', ['--file', file]], [container, object]);

export const objectDeleteCli = (context: CliContext, container: string, objects: readonly string[]): string =>
  cliLine(context, ['object', 'delete'], [container, ...objects]);

/** Setting the account's temp URL key, as "Copy Temporary URL" offers when there is none. */
export const tempUrlKeyCli = (context: CliContext): string =>
  cliLine(context, ['object', 'store', 'account', 'set', ['--property', 'Temp-URL-Key=<key>']]);

/**
 * The swift CLI line that uploads FILE as OBJECT in 1 GiB segments with a static large object manifest: the way
 * past the cluster's max_file_size, which a single PUT (this extension's upload) cannot pass.
 */
export function segmentedUploadCli(container: string, file: string, object: string): string {
  return ['swift', 'upload', '--use-slo', '--segment-size', '1G', '--object-name', object, container, file].map(shellQuote).join(' ');
}

/** An upload of many files: one `object create` per file, each under its object name. */
export function uploadManyCli(context: CliContext, container: string, files: readonly { file: string; object: string }[]): string {
  return files.map((f) => objectUploadCli(context, container, f.file, f.object)).join('\n');
}
