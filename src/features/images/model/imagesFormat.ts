// Which Glance disk_format a file is, from its magic bytes (as `qemu-img info` and Glance's format inspector
// read them), so that the upload step can propose it for the user to confirm. Pure apart from reading the
// file's first and last bytes.
import * as l10n from '@vscode/l10n';
import { open } from 'node:fs/promises';
import { cliLine, type CliContext } from '../../../core/cliLine';

/** The disk formats Glance accepts by default, as the confirm step offers them. */
export const DISK_FORMATS = ['qcow2', 'raw', 'vmdk', 'vdi', 'vhd', 'vhdx', 'iso', 'ploop', 'aki', 'ari', 'ami'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

export interface Detected {
  format: DiskFormat;
  /** What gave it away, for the confirm step: "qcow2 header (QFI\xfb)". */
  evidence: string;
  /** Something the user should know before uploading, e.g. a compressed file that Glance cannot boot. */
  warning?: string;
}

/** Enough for every signature below: the ISO 9660 descriptors sit at 0x8001, 0x8801 and 0x9001. */
export const HEAD_BYTES = 0x9001 + 5;
const FOOTER_BYTES = 512;

const ascii = (buf: Buffer, offset: number, text: string) =>
  buf.length >= offset + text.length && buf.toString('latin1', offset, offset + text.length) === text;

const COMPRESSED: [string, (b: Buffer) => boolean][] = [
  ['gzip', (b) => b[0] === 0x1f && b[1] === 0x8b],
  ['xz', (b) => ascii(b, 0, '\xfd7zXZ\x00')],
  ['bzip2', (b) => ascii(b, 0, 'BZh')],
  ['zstd', (b) => b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528],
  ['zip', (b) => ascii(b, 0, 'PK\x03\x04')],
];

/**
 * The disk format of an image whose first bytes are HEAD (at least HEAD_BYTES, or the whole file) and whose
 * last 512 bytes are TAIL (a fixed VHD keeps its only footer there). Unknown content is raw.
 */
export function detectDiskFormat(head: Buffer, tail?: Buffer): Detected {
  if (ascii(head, 0, 'QFI\xfb')) return { format: 'qcow2', evidence: l10n.t('qcow2 header ({0})', 'QFI\\xfb') };
  if (ascii(head, 0, 'KDMV')) return { format: 'vmdk', evidence: l10n.t('VMDK sparse extent header ({0})', 'KDMV') };
  if (ascii(head, 0, 'COWD')) return { format: 'vmdk', evidence: l10n.t('ESX sparse VMDK header ({0})', 'COWD') };
  if (ascii(head, 0, '# Disk DescriptorFile')) {
    return {
      format: 'vmdk', evidence: l10n.t('VMDK descriptor'),
      warning: l10n.t('This is only the text descriptor of a VMDK: its data sits in separate extent files, which are not uploaded. Convert it first: {0}', 'qemu-img convert -O qcow2 disk.vmdk disk.qcow2'),
    };
  }
  if (ascii(head, 0, 'vhdxfile')) return { format: 'vhdx', evidence: l10n.t('VHDX file identifier ({0})', 'vhdxfile') };
  if (head.length >= 0x44 && head.readUInt32LE(0x40) === 0xbeda107f) return { format: 'vdi', evidence: l10n.t('VirtualBox VDI signature ({0})', '0xbeda107f') };
  if (ascii(head, 0, 'conectix')) return { format: 'vhd', evidence: l10n.t('dynamic VHD header ({0})', 'conectix') };
  if (ascii(head, 0, 'WithoutFreeSpace') || ascii(head, 0, 'WithouFreSpacExt')) return { format: 'ploop', evidence: l10n.t('ploop header') };
  for (const offset of [0x8001, 0x8801, 0x9001]) {
    if (ascii(head, offset, 'CD001')) return { format: 'iso', evidence: l10n.t('ISO 9660 volume descriptor ({0} at {1})', 'CD001', `0x${offset.toString(16)}`) };
  }
  if (tail && ascii(tail, tail.length - FOOTER_BYTES, 'conectix')) return { format: 'vhd', evidence: l10n.t('fixed VHD footer ({0})', 'conectix') };
  const compressed = COMPRESSED.find(([, test]) => test(head));
  if (compressed) {
    return {
      format: 'raw', evidence: l10n.t('{0}-compressed data', compressed[0]),
      warning: l10n.t('The file is {0}-compressed: Glance stores it as is and no instance can boot from it. Decompress it first.', compressed[0]),
    };
  }
  if (ascii(head, 257, 'ustar')) {
    return { format: 'raw', evidence: l10n.t('tar archive'), warning: l10n.t('The file is a tar archive (an OVA?): extract the disk image from it first.') };
  }
  if (head.length >= 512 && head[510] === 0x55 && head[511] === 0xaa) return { format: 'raw', evidence: l10n.t('no known header; MBR boot signature') };
  return { format: 'raw', evidence: l10n.t('no known header') };
}

/** Reads FILE's first HEAD_BYTES and last 512 bytes and detects its format. */
export async function detectFileDiskFormat(file: string): Promise<Detected & { size: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, FOOTER_BYTES));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return { ...detectDiskFormat(head, size > FOOTER_BYTES ? tail : undefined), size };
  } finally {
    await handle.close();
  }
}

/** The image name a file suggests: its base name without the disk-format extension. */
export function imageNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(qcow2|img|raw|vmdk|vdi|vhdx?|iso|ploop)$/i, '') || base;
}

/** Glance limits names to 255 characters; an empty name is allowed by Glance but useless in a list. */
export function imageNameProblem(name: string): string | undefined {
  if (!name.trim()) return l10n.t('Enter a name for the image');
  if (name.length > 255) return l10n.t('At most 255 characters (this is {0})', name.length);
  return undefined;
}

export type Visibility = 'private' | 'shared' | 'community' | 'public';

/** What "Upload Image…" collects. */
export interface ImageUploadSpec {
  file: string;
  name: string;
  diskFormat: string;
  /** Always 'bare' here: the file is the disk itself. */
  containerFormat: 'bare';
  visibility: Visibility;
}

/** `openstack image create --disk-format qcow2 --container-format bare --private --file F --progress NAME`. */
export function imageUploadCli(spec: ImageUploadSpec, context: CliContext): string {
  return cliLine(context, [
    'image', 'create', ['--disk-format', spec.diskFormat], ['--container-format', spec.containerFormat],
    `--${spec.visibility}`, ['--file', spec.file], '--progress',
  ], [spec.name]);
}
