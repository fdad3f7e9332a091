// A small RTT chart: one point per probe (its round-trip time), a red mark for each probe that got no answer.
// Built with DOM APIs (createElementNS, attributes, textContent); colours come from CSS classes (theme variables).
import * as l10n from '@vscode/l10n';
import type { PingSample } from '../src/features/console/model/protocol';

const SVG = 'http://www.w3.org/2000/svg';
const W = 300;
const H = 80;
const PAD = 4;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export class RttChart {
  readonly el: SVGSVGElement;
  private readonly title: SVGTitleElement;
  private readonly plot: SVGGElement;
  private readonly scale: SVGTextElement;

  constructor(id: string) {
    this.el = svg('svg', { id, viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', class: 'rtt-chart' });
    this.title = svg('title', {});
    this.plot = svg('g', {});
    this.scale = svg('text', { x: W - PAD, y: 10, 'text-anchor': 'end', class: 'rtt-scale' });
    this.el.append(this.title, svg('line', { x1: 0, y1: H - PAD, x2: W, y2: H - PAD, class: 'rtt-axis' }), this.plot, this.scale);
    this.update([]);
  }

  update(samples: PingSample[], expected = 0): void {
    const n = Math.max(expected, samples.length, 2);
    const rtts = samples.map((s) => s.rtt).filter((r): r is number => r !== undefined);
    const top = Math.max(...rtts, 0.001) * 1.15;
    const x = (i: number) => PAD + (i * (W - 2 * PAD)) / (n - 1);
    const y = (rtt: number) => H - PAD - (rtt / top) * (H - 2 * PAD - 10);
    const points: string[] = [];
    const marks: SVGElement[] = [];
    samples.forEach((s, i) => {
      if (s.rtt === undefined) {
        marks.push(svg('line', { x1: x(i), y1: H - PAD, x2: x(i), y2: H - PAD - 14, class: 'rtt-lost' }));
      } else {
        points.push(`${x(i).toFixed(1)},${y(s.rtt).toFixed(1)}`);
        marks.push(svg('circle', { cx: x(i).toFixed(1), cy: y(s.rtt).toFixed(1), r: 2, class: 'rtt-point' }));
      }
    });
    this.plot.replaceChildren(...(points.length > 1 ? [svg('polyline', { points: points.join(' '), class: 'rtt-line' })] : []), ...marks);
    this.scale.textContent = rtts.length ? `${(top / 1.15).toFixed(rtts.some((r) => r < 1) ? 3 : 1)} ms` : '';
    const lost = samples.length - rtts.length;
    this.title.textContent = !samples.length ? l10n.t('No probes yet')
      : lost ? l10n.t('Round-trip times of {0} probes, {1} without answer', samples.length, lost) : l10n.t('Round-trip times of {0} probes', samples.length);
    this.el.setAttribute('aria-label', this.title.textContent);
  }
}
