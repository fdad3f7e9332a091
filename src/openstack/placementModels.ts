// What placement says about one compute host, and the arithmetic of its allocation ratios. Pure.

/** Placement's inventory record of one resource class. */
export interface PlacementInventory {
  total: number;
  reserved: number;
  allocation_ratio: number;
  /** The most one allocation (one instance) may take. */
  max_unit: number;
}

/** One resource class of a host: MiB for RAM, GiB for disk. */
export interface Resource {
  total: number;
  /** Kept for the host itself (reserved_host_memory_mb …): never allocated. */
  reserved: number;
  /** Overcommit: the scheduler allocates up to (total − reserved) × ratio. */
  ratio: number;
  maxUnit: number;
  /** What the instances on the host have allocated. */
  used: number;
}

export interface HostCapacity {
  /** The resource provider's UUID (the compute node's id). */
  id: string;
  name: string;
  vcpu?: Resource;
  /** MiB. */
  ram?: Resource;
  /** GiB. */
  disk?: Resource;
  raw: Record<string, unknown>;
}

export function toHostCapacity(id: string, name: string, inventories: Record<string, PlacementInventory>, usages: Record<string, number>): HostCapacity {
  const resource = (cls: string): Resource | undefined => {
    const inv = inventories[cls];
    return inv && { total: inv.total, reserved: inv.reserved, ratio: inv.allocation_ratio, maxUnit: inv.max_unit, used: usages[cls] ?? 0 };
  };
  return { id, name, vcpu: resource('VCPU'), ram: resource('MEMORY_MB'), disk: resource('DISK_GB'), raw: { uuid: id, name, inventories, usages } };
}

/** What the scheduler may allocate in all: (total − reserved) × allocation ratio. */
export function allocatable(r: Resource): number {
  return Math.floor((r.total - r.reserved) * r.ratio);
}

/** What one more instance may still take on the host as the scheduler sees it (ratio and max_unit honoured). */
export function allocatableFree(r: Resource): number {
  return Math.max(0, Math.min(r.maxUnit, allocatable(r) - r.used));
}

/** What is physically left (no overcommit): beyond it, instances compete for real memory. */
export function physicalFree(r: Resource): number {
  return Math.max(0, r.total - r.reserved - r.used);
}
