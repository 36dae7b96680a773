/** Horizontal bar charts as inline SVG (no library, no style attributes: colours come from the page's CSS classes). */
import { escapeHtml as esc, formatUSD, sharePct, truncate, type Slice } from './util';

// Sized for a chart column of ~380 px, so the 12 px text is drawn close to 12 px.
const WIDTH = 400;
const LABEL_W = 160;
/** Characters of a label that fit LABEL_W at 12 px in a wide sans (DejaVu); the full label is in the tooltip. */
const LABEL_CHARS = 21;
const VALUE_W = 100;
const ROW_H = 22;
const BAR_H = 14;
const PAD_TOP = 4;

export interface ChartOptions {
  /** Unique id prefix (titles are referenced by aria-labelledby). */
  readonly id: string;
  readonly title: string;
  /** Total the shares are taken of (e.g. the workspace's monthly cost). */
  readonly total: number;
  /** Extra class of the bars: 'cost' | 'save'. */
  readonly tone: 'cost' | 'save';
  /** Shown instead of the chart when there is nothing to draw. */
  readonly empty: string;
  /** Cut long labels in the middle (keeps a path's file name; tells similar names apart) rather than at the end. */
  readonly middle?: boolean;
  /** Slices whose label starts "Other (" are drawn muted. */
  readonly slices: readonly Slice[];
}

/** A `<figure>` with a caption and an SVG bar per slice, or an empty-state paragraph. */
export function barChart(o: ChartOptions): string {
  const slices = o.slices.filter((s) => Number.isFinite(s.value) && s.value >= 0);
  const head = `<figure class="chart" id="${esc(o.id)}"><figcaption>${esc(o.title)}</figcaption>`;
  if (slices.length === 0 || slices.every((s) => s.value === 0)) return `${head}<p class="empty">${esc(o.empty)}</p></figure>`;
  const max = Math.max(...slices.map((s) => s.value));
  const barMax = WIDTH - LABEL_W - VALUE_W;
  const height = PAD_TOP * 2 + slices.length * ROW_H;
  const rows = slices.map((s, i) => {
    const y = PAD_TOP + i * ROW_H;
    const w = max > 0 ? Math.max(s.value > 0 ? 2 : 0, (s.value / max) * barMax) : 0;
    const share = sharePct(s.value, o.total);
    const value = `${formatUSD(s.value)}${share ? ` · ${share}` : ''}`;
    const other = s.label.startsWith('Other (');
    const tip = `${s.label}: ${formatUSD(s.value)}/month${share ? ` (${share})` : ''}${s.detail ? `, ${s.detail}` : ''}`;
    return (
      `<g class="row"><title>${esc(tip)}</title>` +
      `<text class="label" x="${LABEL_W - 8}" y="${y + ROW_H / 2}" text-anchor="end" dominant-baseline="central">${esc(o.middle ? truncateMiddle(s.label, LABEL_CHARS) : truncate(s.label, LABEL_CHARS))}</text>` +
      `<rect class="bar ${o.tone}${other ? ' other' : ''}" x="${LABEL_W}" y="${y + (ROW_H - BAR_H) / 2}" width="${round(w)}" height="${BAR_H}" rx="3"></rect>` +
      `<text class="value" x="${round(LABEL_W + w + 6)}" y="${y + ROW_H / 2}" dominant-baseline="central">${esc(value)}</text></g>`
    );
  });
  return (
    head +
    `<svg class="bars" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${esc(o.id)}-t">` +
    `<title id="${esc(o.id)}-t">${esc(o.title)}</title>${rows.join('')}</svg></figure>`
  );
}

/**
 * Shortens a path keeping its file name: `src/…/summarize.py`, `…/triage.prompty`; a file name too long itself is
 * cut in the middle.
 */
export function truncateMiddle(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const segs = text.split('/');
  const base = segs[segs.length - 1]!;
  const baseLen = Array.from(base).length;
  if (segs.length > 2 && Array.from(segs[0]!).length + baseLen + 3 <= max) return `${segs[0]}/…/${base}`;
  if (segs.length > 1 && baseLen + 2 <= max) return `…/${base}`;
  const tail = Math.ceil((max - 1) * 0.6);
  return chars.slice(0, max - 1 - tail).join('') + '…' + chars.slice(chars.length - tail).join('');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
