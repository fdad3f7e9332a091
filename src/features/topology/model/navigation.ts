// Keyboard moves between the picture's nodes: up and down within a column, left and right to the nearest node
// (by height) of the next column that has any. Pure: the webview runs it, unit-tested.
import type { ViewNode } from './layout';

export type Direction = 'up' | 'down' | 'left' | 'right';

const middle = (n: ViewNode) => n.y + n.h / 2;

/** The node to move to from FROM in DIRECTION; undefined at the picture's edge. */
export function neighbour(nodes: readonly ViewNode[], from: ViewNode, direction: Direction): ViewNode | undefined {
  if (direction === 'up' || direction === 'down') {
    const column = nodes.filter((n) => n.column === from.column).sort((a, b) => a.y - b.y);
    return column[column.indexOf(from) + (direction === 'up' ? -1 : 1)];
  }
  const step = direction === 'left' ? -1 : 1;
  const beyond = nodes.filter((n) => (n.column - from.column) * step > 0);
  if (!beyond.length) return undefined;
  const next = beyond.reduce((best, n) => (Math.abs(n.column - from.column) < Math.abs(best - from.column) ? n.column : best), beyond[0].column);
  return beyond.filter((n) => n.column === next)
    .reduce((best, n) => (Math.abs(middle(n) - middle(from)) < Math.abs(middle(best) - middle(from)) ? n : best));
}
