// Sizes as people read them (1.5 GiB). Pure: shown in the tree and in the launch and upload steps.
import * as l10n from '@vscode/l10n';

export function formatBytes(n: number | null): string {
  if (n === null) return l10n.t('no data');
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
