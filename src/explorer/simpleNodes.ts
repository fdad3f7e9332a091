// Leaf resources: floating IPs, images, flavors and key pairs.
import * as vscode from 'vscode';
import type { Flavor, Keypair } from '../openstack/computeModels';
import type { Image } from '../openstack/image';
import type { FloatingIp } from '../openstack/networkModels';
import { markdown, md, ResourceNode, type ExplorerNode } from './node';

export class FloatingIpNode extends ResourceNode {
  readonly kind = 'floatingIp';
  readonly id: string;
  /** SERVERNAME: the instance the address reaches, when the category could resolve it. */
  constructor(parent: ExplorerNode, readonly fip: FloatingIp, private readonly serverName?: string) {
    super(parent);
    this.id = `${parent.id}/${fip.id}`;
  }

  get resourceId(): string { return this.fip.id; }
  get label(): string { return this.fip.floatingIpAddress; }
  get raw(): Record<string, unknown> { return this.fip.raw; }
  override ips(): string[] { return [this.fip.floatingIpAddress]; }

  treeItem(): vscode.TreeItem {
    const f = this.fip;
    const item = this.item(this.label, false, [f.portId ? 'associated' : 'unassociated']);
    item.iconPath = new vscode.ThemeIcon(f.portId ? 'link' : 'circle-large-outline', f.portId ? new vscode.ThemeColor('charts.green') : undefined);
    item.description = f.portId ? `→ ${this.serverName ?? f.fixedIpAddress ?? f.portId}` : 'not associated';
    item.tooltip = markdown([
      `**${f.floatingIpAddress}** — ${md(f.status)}`,
      f.portId ? `Associated with ${md(this.serverName ?? '')} \`${f.fixedIpAddress ?? ''}\` (port \`${f.portId}\`)` : 'Free: associate it with an instance',
      f.description && md(f.description),
      `ID: \`${f.id}\``,
    ]);
    return item;
  }
}

export function formatBytes(n: number | null): string {
  if (n === null) return 'no data';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export class ImageNode extends ResourceNode {
  readonly kind = 'image';
  readonly id: string;
  constructor(parent: ExplorerNode, readonly image: Image) {
    super(parent);
    this.id = `${parent.id}/${image.id}`;
  }

  get resourceId(): string { return this.image.id; }
  get label(): string { return this.image.name || this.image.id; }
  get raw(): Record<string, unknown> { return this.image.raw; }

  treeItem(): vscode.TreeItem {
    const i = this.image;
    const item = this.item(this.label, false, [`status-${i.status}`, `visibility-${i.visibility}`]);
    const busy = i.status === 'queued' || i.status === 'saving' || i.status === 'importing';
    item.iconPath = busy ? new vscode.ThemeIcon('loading~spin')
      : new vscode.ThemeIcon('file-binary', i.status === 'active' ? undefined : new vscode.ThemeColor('errorForeground'));
    item.description = [i.diskFormat, formatBytes(i.size), i.visibility, i.status === 'active' ? '' : i.status].filter(Boolean).join(' · ');
    item.tooltip = markdown([`**${md(this.label)}** — ${md(i.status)}`, `Format: ${md(i.diskFormat ?? '?')}/${md(i.containerFormat ?? '?')}`, `Size: ${formatBytes(i.size)}`, `ID: \`${i.id}\``]);
    return item;
  }
}

export class FlavorNode extends ResourceNode {
  readonly kind = 'flavor';
  readonly id: string;
  constructor(parent: ExplorerNode, readonly flavor: Flavor) {
    super(parent);
    this.id = `${parent.id}/${flavor.id}`;
  }

  get resourceId(): string { return this.flavor.id; }
  get label(): string { return this.flavor.name; }
  get raw(): Record<string, unknown> { return this.flavor.raw; }

  treeItem(): vscode.TreeItem {
    const f = this.flavor;
    const item = this.item(this.label, false, [f.isPublic ? 'public' : 'private']);
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.description = `${f.vcpus} vCPU · ${formatBytes(f.ram * 1024 * 1024)} RAM · ${f.disk} GiB disk`;
    item.tooltip = markdown([`**${md(f.name)}**`, `ID: \`${f.id}\``]);
    return item;
  }
}

export class KeypairNode extends ResourceNode {
  readonly kind = 'keypair';
  readonly id: string;
  constructor(parent: ExplorerNode, readonly keypair: Keypair) {
    super(parent);
    this.id = `${parent.id}/${keypair.name}`;
  }

  get resourceId(): string { return this.keypair.name; }
  get label(): string { return this.keypair.name; }
  get raw(): Record<string, unknown> { return this.keypair.raw; }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, false, []);
    item.iconPath = new vscode.ThemeIcon('key');
    item.description = this.keypair.fingerprint;
    item.tooltip = markdown([`**${md(this.label)}** (${md(this.keypair.type)})`, `Fingerprint: \`${this.keypair.fingerprint}\``]);
    return item;
  }
}
