// What an OpenSSH public key file must look like before nova sees it, and what a key pair may be called.
// Pure: unit-tested with keys made by ssh-keygen.
import * as l10n from '@vscode/l10n';
import { cliLine, type CliContext } from '../../../core/cliLine';

/** Key types nova (via cryptography) and cloud-init accept in authorized_keys form. */
export const KEY_TYPES = [
  'ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com', 'ssh-dss',
] as const;

export interface PublicKey {
  type: string;
  /** The key as nova takes it: "type base64 [comment]" on one line. */
  line: string;
  comment?: string;
}

export type KeyCheck = { key: PublicKey; problem?: undefined } | { key?: undefined; problem: string };

/** TEXT (a file's content) as one OpenSSH public key, or why it is not one, in words a student can act on. */
export function parsePublicKey(text: string): KeyCheck {
  const trimmed = text.trim();
  if (!trimmed) return { problem: l10n.t('The file is empty.') };
  if (/-----BEGIN (?:OPENSSH |RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----/.test(trimmed)) {
    return { problem: l10n.t('This is a PRIVATE key: never upload it. Choose the matching .pub file.') };
  }
  if (/^---- BEGIN SSH2 PUBLIC KEY ----/.test(trimmed)) {
    return { problem: l10n.t('This is an SSH2 (RFC 4716) public key: convert it with {0} and import that.', '`ssh-keygen -i -f key.pub > key_openssh.pub`') };
  }
  if (/^-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(trimmed)) {
    return { problem: l10n.t('This is a PEM public key: convert it with {0} and import that.', '`ssh-keygen -i -m PKCS8 -f key.pem > key.pub`') };
  }
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  if (lines.length !== 1) return { problem: l10n.t('Expected one key on one line, found {0} lines: import one key at a time.', lines.length) };
  const [type, data, ...rest] = lines[0].trim().split(/\s+/);
  if (!(KEY_TYPES as readonly string[]).includes(type)) {
    return { problem: l10n.t('Unknown key type \'{0}\': expected {1}, … (generate one with {2}).', type.slice(0, 40), KEY_TYPES.slice(0, 3).join(', '), 'ssh-keygen -t ed25519') };
  }
  if (!data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) return { problem: l10n.t('The {0} key\'s base64 data is missing or damaged.', type) };
  // the blob starts with the key type again, as a length-prefixed string
  const blob = Buffer.from(data, 'base64');
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  const inner = length > 0 && length <= blob.length - 4 ? blob.toString('latin1', 4, 4 + length) : undefined;
  if (inner !== type) return { problem: l10n.t('The key data does not match its type {0}: the file is damaged or edited.', type) };
  const comment = rest.join(' ') || undefined;
  return { key: { type, line: [type, data, comment].filter(Boolean).join(' '), comment } };
}

/**
 * Nova (microversion 2.79, this client's ceiling) takes letters, digits, '-', '_' and spaces, 1–255 characters;
 * a name with other characters is refused with "Keypair name contains unsafe characters".
 */
export function keypairNameProblem(name: string, taken: readonly string[] = []): string | undefined {
  if (!name) return l10n.t('Enter a name for the key pair');
  if (name.length > 255) return l10n.t('At most 255 characters (this is {0})', name.length);
  if (name.trim() !== name) return l10n.t('No spaces at the start or the end');
  const bad = [...new Set(name.replace(/[A-Za-z0-9_\- ]/g, ''))];
  if (bad.length) return l10n.t('Not allowed in a key pair name: {0} (use letters, digits, - and _)', bad.map((c) => `'${c}'`).join(' '));
  if (taken.includes(name)) return l10n.t('The project already has a key pair \'{0}\': choose another name (or delete that one first)', name);
  return undefined;
}

/** A key pair name from the file: `id_ed25519.pub` → `id_ed25519`, unsafe characters replaced by '-'. */
export function keypairNameFromFile(file: string): string {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.pub$/i, '');
  return base.replace(/[^A-Za-z0-9_\- ]/g, '-').trim().slice(0, 255) || 'key';
}

/** What "Import Key Pair…" collects. */
export interface KeypairImportSpec {
  name: string;
  /** The file the key came from, for the CLI line. */
  file: string;
  publicKey: PublicKey;
}

/** `openstack keypair create --public-key FILE NAME`. */
export function keypairImportCli(spec: KeypairImportSpec, context: CliContext): string {
  return cliLine(context, ['keypair', 'create', ['--public-key', spec.file]], [spec.name]);
}
