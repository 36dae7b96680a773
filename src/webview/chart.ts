/// <reference lib="dom" />
/** Plain inline SVG charts, sized in percentages so they fit any panel width; colours come from the theme (CSS). */
import { formatUSD } from '../core/format/numbers';
import { h, s } from './dom';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** CSS class of the bar: today, a lever's step (worse: it costs more), self-hosting. */
  readonly kind: 'now' | 'step' | 'worse' | 'selfhost';
}

const ROW = 34;

/**
 * Horizontal bars, one per row: the label above, the bar below with its value at the end. The scale is the API bars'
 * (self-hosting is often orders of magnitude apart): a bar beyond it is drawn full and marked "off scale".
 */
export function barChart(title: string, bars: readonly Bar[]): SVGSVGElement {
  const api = bars.filter((b) => b.kind !== 'selfhost').map((b) => b.value);
  const max = Math.max(...(api.length ? api : bars.map((b) => b.value)), 0);
  const summary = bars.map((b) => `${b.label}: ${formatUSD(b.value)} per month`).join('; ') + (bars.some((b) => max > 0 && b.value > max * 1.0001) ? ' (▸: beyond the scale of the API bars)' : '');
  const svg = s('svg', { class: 'chart', width: '100%', height: bars.length * ROW + 4, role: 'img', 'aria-label': `${title}. ${summary}`, 'data-testid': 'chart' });
  bars.forEach((b, i) => {
    const y = i * ROW;
    const off = max > 0 && b.value > max * 1.0001;
    const pct = off ? 72 : max > 0 ? Math.max(0.5, (b.value / max) * 72) : 0.5;
    svg.append(
      s('text', { x: 0, y: y + 12, class: 'chart-label' }, b.label),
      s('rect', { x: 0, y: y + 17, width: `${pct}%`, height: 12, rx: 2, class: `bar bar-${b.kind}${off ? ' bar-off' : ''}` }),
      s('text', { x: `${pct + 1.5}%`, y: y + 27, class: 'chart-value', 'data-usd': String(b.value) }, formatUSD(b.value) + (off ? ' ▸' : '')),
    );
  });
  return svg;
}

export interface Slice {
  readonly label: string;
  readonly value: number;
  readonly kind: string;
}

/** One stacked bar of where the money goes, with a legend. */
export function stackedBar(title: string, slices: readonly Slice[]): HTMLElement {
  const total = slices.reduce((a, x) => a + x.value, 0);
  const shown = slices.filter((x) => x.value > 0);
  const svg = s('svg', { class: 'stack', width: '100%', height: 14, role: 'img', 'aria-label': `${title}: ${slices.map((x) => `${x.label} ${formatUSD(x.value)}`).join(', ')}` });
  let at = 0;
  for (const x of shown) {
    const w = total > 0 ? (x.value / total) * 100 : 0;
    svg.append(s('rect', { x: `${at}%`, y: 0, width: `${w}%`, height: 14, class: `slice slice-${x.kind}` }, s('title', {}, `${x.label}: ${formatUSD(x.value)}`)));
    at += w;
  }
  return h('div', { class: 'stack-wrap' }, svg);
}
