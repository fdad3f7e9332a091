// Cinder v3's volumes, snapshots, volume types and limits as the UI reads them, and the request bodies it sends.
// Pure: no vscode import.

import type { Usage } from './computeModels';

type Raw = Record<string, unknown>;

export interface VolumeAttachment {
  serverId: string;
  /** /dev/vdb; may be missing while nova is still attaching. */
  device?: string;
  attachmentId?: string;
}

export interface Volume {
  id: string;
  name: string;
  /** creating, available, reserved, attaching, in-use, detaching, extending, deleting, downloading, error, … */
  status: string;
  /** GiB. */
  size: number;
  bootable: boolean;
  attachments: VolumeAttachment[];
  availabilityZone?: string;
  volumeType?: string;
  snapshotId?: string;
  /** The image it was created from (Cinder's volume_image_metadata), when any. */
  imageName?: string;
  imageId?: string;
  multiattach: boolean;
  description?: string;
  created: string;
  raw: Raw;
}

export interface CinderVolume {
  id: string;
  name?: string | null;
  status: string;
  size: number;
  /** The string "true" or "false". */
  bootable?: string | boolean;
  attachments?: { server_id: string; device?: string; attachment_id?: string; id?: string }[];
  availability_zone?: string | null;
  volume_type?: string | null;
  snapshot_id?: string | null;
  volume_image_metadata?: Record<string, string>;
  multiattach?: boolean;
  description?: string | null;
  created_at: string;
}

export function toVolume(v: CinderVolume): Volume {
  return {
    id: v.id, name: v.name ?? '', status: v.status, size: v.size,
    bootable: v.bootable === true || v.bootable === 'true',
    attachments: (v.attachments ?? []).map((a) => ({ serverId: a.server_id, device: a.device || undefined, attachmentId: a.attachment_id ?? a.id })),
    availabilityZone: v.availability_zone ?? undefined, volumeType: v.volume_type ?? undefined, snapshotId: v.snapshot_id ?? undefined,
    imageName: v.volume_image_metadata?.image_name, imageId: v.volume_image_metadata?.image_id,
    multiattach: v.multiattach ?? false, description: v.description ?? undefined, created: v.created_at,
    raw: v as unknown as Raw,
  };
}

export interface Snapshot {
  id: string;
  name: string;
  /** creating, available, deleting, error, … */
  status: string;
  /** GiB: the size of the volume when it was taken, the least a volume made from it can have. */
  size: number;
  volumeId: string;
  description?: string;
  created: string;
  raw: Raw;
}

export interface CinderSnapshot {
  id: string;
  name?: string | null;
  status: string;
  size: number;
  volume_id: string;
  description?: string | null;
  created_at: string;
}

export function toSnapshot(s: CinderSnapshot): Snapshot {
  return {
    id: s.id, name: s.name ?? '', status: s.status, size: s.size, volumeId: s.volume_id,
    description: s.description ?? undefined, created: s.created_at, raw: s as unknown as Raw,
  };
}

export interface VolumeType {
  id: string;
  name: string;
  description?: string;
}

/** A new volume: blank, or from an image or a snapshot (one source at most). */
export interface VolumeCreate {
  name: string;
  /** GiB. */
  size: number;
  imageId?: string;
  snapshotId?: string;
  volumeType?: string;
  availabilityZone?: string;
  description?: string;
}

export function volumeCreateBody(spec: VolumeCreate): { volume: Raw } {
  return {
    volume: {
      name: spec.name, size: spec.size, imageRef: spec.imageId, snapshot_id: spec.snapshotId,
      volume_type: spec.volumeType, availability_zone: spec.availabilityZone, description: spec.description,
    },
  };
}

export interface VolumeLimits {
  volumes: Usage;
  /** GiB. */
  gigabytes: Usage;
  snapshots: Usage;
}

export interface CinderAbsoluteLimits {
  maxTotalVolumes: number;
  totalVolumesUsed: number;
  maxTotalVolumeGigabytes: number;
  totalGigabytesUsed: number;
  maxTotalSnapshots: number;
  totalSnapshotsUsed: number;
}

export function toVolumeLimits(a: CinderAbsoluteLimits): VolumeLimits {
  return {
    volumes: { used: a.totalVolumesUsed, limit: a.maxTotalVolumes },
    gigabytes: { used: a.totalGigabytesUsed, limit: a.maxTotalVolumeGigabytes },
    snapshots: { used: a.totalSnapshotsUsed, limit: a.maxTotalSnapshots },
  };
}
