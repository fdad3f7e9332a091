// What a selection lights up: for an instance, the way a floating IP takes to it (floating IP → instance, its
// ports' subnets → the routers with an interface there → their gateways' external networks); for a floating IP,
// the same way through the address it reaches; for any other node, its links and their other ends. Broken links
// on the way are part of it: they are where the way ends. Pure: the webview runs it, unit-tested.
import type { ViewLink, ViewNode } from './layout';

export interface Highlight {
  nodes: Set<string>;
  links: Set<string>;
}

type Links = readonly ViewLink[];

/** INSTANCE's way from the outside; through FIXEDIP only, when given (a floating IP's way). */
function instanceWay(links: Links, instance: string, fixedIp?: string): Highlight {
  const through = (anchor?: string) => fixedIp === undefined || anchor === fixedIp;
  const ports = links.filter((l) => l.kind === 'port' && l.right === instance && through(l.rightAnchor));
  const subnets = new Set(ports.map((l) => l.leftAnchor));
  const interfaces = links.filter((l) => l.kind === 'interface' && subnets.has(l.rightAnchor));
  const routers = new Set(interfaces.map((l) => l.left));
  const gateways = links.filter((l) => l.kind === 'gateway' && routers.has(l.right));
  const floating = links.filter((l) => l.kind === 'floating' && l.left === instance && through(l.leftAnchor));
  const way = [...ports, ...interfaces, ...gateways, ...floating];
  return {
    nodes: new Set([instance, ...way.flatMap((l) => [l.left, l.right]).filter((id): id is string => id !== undefined)]),
    links: new Set(way.map((l) => l.id)),
  };
}

export function highlightOf(links: Links, node: Pick<ViewNode, 'id' | 'kind'>): Highlight {
  if (node.kind === 'instance') return instanceWay(links, node.id);
  const association = node.kind === 'floatingIp' ? links.find((l) => l.kind === 'floating' && l.right === node.id) : undefined;
  if (association?.left) {
    const way = instanceWay(links, association.left, association.leftAnchor);
    return { nodes: new Set([...way.nodes, node.id]), links: new Set([...way.links, association.id]) };
  }
  const touching = links.filter((l) => l.left === node.id || l.right === node.id);
  return {
    nodes: new Set([node.id, ...touching.flatMap((l) => [l.left, l.right]).filter((id): id is string => id !== undefined)]),
    links: new Set(touching.map((l) => l.id)),
  };
}
