/// <reference lib="dom" />
/** The lever cards: native, labelled controls (checkbox, range + output, number, select) and their before/after figures. */
import { formatRate, formatUSD } from '../core/format/numbers';
import { ChainLeverId, LEVER_ORDER, LEVER_TITLES, LeverId, LeverSettings } from '../core/whatif/levers';
import { h, setMoney, setText } from './dom';
import type { LeverView, MoneyView, ViewState } from './protocol';

type Field = { lever: LeverId; field: string };
type Control =
  | (Field & { kind: 'range'; label: string; min: number; max: number; step: number })
  | (Field & { kind: 'number'; label: string; min: number; max: number; step: number })
  | (Field & { kind: 'select'; label: string; options?: readonly (readonly [string, string])[] });

const CONTROLS: Readonly<Record<LeverId, readonly Control[]>> = {
  trim: [],
  routing: [
    { lever: 'routing', field: 'target', kind: 'select', label: 'Cheaper model (cheapest first, $/month with all traffic)' },
    { lever: 'routing', field: 'sharePct', kind: 'range', label: 'Share of traffic routed', min: 0, max: 100, step: 1 },
  ],
  promptCache: [
    { lever: 'promptCache', field: 'hitRatePct', kind: 'range', label: 'Cache hit rate', min: 0, max: 100, step: 1 },
    { lever: 'promptCache', field: 'ttl', kind: 'select', label: 'Cache lifetime (TTL)', options: [['5m', '5 minutes'], ['1h', '1 hour']] },
  ],
  responseCache: [
    { lever: 'responseCache', field: 'mode', kind: 'select', label: 'Match', options: [['exact', 'Exact (same request)'], ['semantic', 'Semantic (similar request)']] },
    { lever: 'responseCache', field: 'hitRatePct', kind: 'range', label: 'Hit rate', min: 0, max: 100, step: 1 },
    { lever: 'responseCache', field: 'lookupUSDPerRequest', kind: 'number', label: 'Lookup cost per request (USD)', min: 0, max: 1, step: 0.00001 },
  ],
  batch: [{ lever: 'batch', field: 'sharePct', kind: 'range', label: 'Share of traffic that can wait (batch)', min: 0, max: 100, step: 1 }],
  selfHost: [
    { lever: 'selfHost', field: 'gpuHourlyUSD', kind: 'number', label: 'GPU price per hour (USD)', min: 0, max: 1000, step: 0.01 },
    { lever: 'selfHost', field: 'gpuCount', kind: 'number', label: 'GPUs', min: 0, max: 100000, step: 1 },
    { lever: 'selfHost', field: 'utilizationPct', kind: 'range', label: 'Utilisation (share of the month the GPUs run)', min: 0, max: 100, step: 1 },
  ],
};

const DESCRIPTIONS: Readonly<Record<LeverId, string>> = {
  trim: "Apply the fixes of the waste findings (few-shot bloat, filler, whitespace, pretty JSON, unbounded variables).",
  routing: 'Send part of the traffic to a cheaper model.',
  promptCache: "Let the provider cache the prompt's static prefix: hits read it at the cached rate, misses write it.",
  responseCache: 'Answer repeated requests from your own cache; they never reach the model.',
  batch: 'Send requests that can wait through the batch API at its discount.',
  selfHost: 'Rent GPUs and run an open model: a fixed monthly cost against the API cost with the levers above.',
};

export type Send = (levers: LeverSettings) => void;

const get = (l: LeverSettings, c: Field): unknown => (l[c.lever] as Record<string, unknown>)[c.field];
const set = (l: LeverSettings, c: Field, v: unknown): LeverSettings => ({ ...l, [c.lever]: { ...l[c.lever], [c.field]: v } }) as LeverSettings;
const controlId = (c: Field) => `${c.lever}-${c.field}`;
const pctText = (v: unknown) => `${Number(v)}%`;

function moneyLine(id: string, label: string): HTMLElement {
  return h('div', { class: 'nums-row', id: `${id}-row` },
    h('dt', {}, label),
    h('dd', {},
      h('span', { 'data-testid': `${id}-before` }), ' → ', h('span', { 'data-testid': `${id}-after`, class: 'after' }), ' ',
      h('span', { 'data-testid': `${id}-saving`, class: 'saving' })));
}

function setMoneyLine(root: HTMLElement, id: string, m: MoneyView | null): void {
  const row = root.querySelector<HTMLElement>(`#${id}-row`);
  if (!row) return;
  row.hidden = m === null;
  if (!m) return;
  setMoney(row.querySelector<HTMLElement>(`[data-testid="${id}-before"]`)!, m.before, formatUSD(m.before));
  setMoney(row.querySelector<HTMLElement>(`[data-testid="${id}-after"]`)!, m.after, formatUSD(m.after));
  const sv = row.querySelector<HTMLElement>(`[data-testid="${id}-saving"]`)!;
  setMoney(sv, m.saving, m.saving > 0 ? `saves ${formatUSD(m.saving)}` : m.saving < 0 ? `costs ${formatUSD(-m.saving)} more` : 'no change');
  sv.classList.toggle('worse', m.saving < 0);
}

/** Builds every lever card once; `update` refreshes values and figures without rebuilding (focus and sliders stay put). */
export function leverCards(getLevers: () => LeverSettings, send: Send): { root: HTMLElement; update: (s: ViewState) => void } {
  const root = h('section', { id: 'levers', 'aria-labelledby': 'levers-title' }, h('h2', { id: 'levers-title' }, 'Levers'));
  const ids: LeverId[] = [...LEVER_ORDER, 'selfHost'];
  for (const id of ids) {
    const on = h('input', { type: 'checkbox', id: `${id}-on`, 'aria-describedby': `${id}-desc` });
    on.addEventListener('change', () => send(set(getLevers(), { lever: id, field: 'on' }, on.checked)));
    const controls = h('div', { class: 'controls' });
    for (const c of CONTROLS[id]) controls.append(control(c, getLevers, send));
    const card = h('section', { class: 'lever', id: `lever-${id}`, 'aria-labelledby': `${id}-title` },
      h('div', { class: 'lever-head' }, on, h('label', { for: `${id}-on`, id: `${id}-title`, class: 'lever-title' }, LEVER_TITLES[id]),
        h('span', { class: 'badge', 'data-testid': `${id}-badge` })),
      h('p', { class: 'desc', id: `${id}-desc` }, DESCRIPTIONS[id]),
      controls,
      id === 'selfHost'
        ? h('dl', { class: 'nums' }, h('div', { class: 'nums-row' }, h('dt', {}, 'GPUs per month'), h('dd', {}, h('span', { 'data-testid': 'selfHost-gpu' }), ' ', h('span', { class: 'muted', 'data-testid': 'selfHost-hours' }))),
          moneyLine('selfHost-alone', 'API today vs GPUs'), moneyLine('selfHost-combined', 'API with the levers vs GPUs'),
          h('div', { class: 'nums-row' }, h('dt', {}, 'Break-even'), h('dd', { 'data-testid': 'selfHost-breakeven' })))
        : h('dl', { class: 'nums' }, moneyLine(`${id}-alone`, 'Alone'), moneyLine(`${id}-step`, 'In the combination')),
      h('p', { class: 'reason', 'data-testid': `${id}-reason`, hidden: true }),
      h('dl', { class: 'facts', 'data-testid': `${id}-facts` }),
    );
    root.append(card);
  }
  return { root, update: (state) => update(root, state) };
}

function control(c: Control, getLevers: () => LeverSettings, send: Send): HTMLElement {
  const id = controlId(c);
  const label = h('label', { for: id }, c.label);
  if (c.kind === 'select') {
    const sel = h('select', { id, 'data-field': id });
    for (const [v, t] of c.options ?? []) sel.append(h('option', { value: v }, t));
    sel.addEventListener('change', () => send(set(getLevers(), c, sel.value)));
    return h('div', { class: 'field' }, label, sel);
  }
  const input = h('input', { id, type: c.kind, min: c.min, max: c.max, step: c.step, 'data-field': id, ...(c.kind === 'number' ? { inputmode: 'decimal' } : {}) });
  const out = c.kind === 'range' ? h('output', { for: id, id: `${id}-out` }) : null;
  input.addEventListener('input', () => {
    const v = input.valueAsNumber;
    const ok = Number.isFinite(v) && v >= c.min && v <= c.max && (c.step < 1 || Number.isInteger(v));
    input.setAttribute('aria-invalid', ok ? 'false' : 'true');
    if (!ok) return;
    if (out) setText(out, pctText(v));
    send(set(getLevers(), c, v));
  });
  return h('div', { class: `field field-${c.kind}` }, label, h('div', { class: 'field-input' }, input, out));
}

function update(root: HTMLElement, state: ViewState): void {
  const focused = document.activeElement;
  for (const [lever, list] of Object.entries(CONTROLS) as [LeverId, readonly Control[]][]) {
    const on = root.querySelector<HTMLInputElement>(`#${lever}-on`)!;
    on.checked = state.levers[lever].on;
    root.querySelector(`#lever-${lever}`)!.classList.toggle('is-on', on.checked);
    for (const c of list) {
      const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${controlId(c)}`)!;
      const value = String(get(state.levers, c));
      if (c.field === 'target') routeOptions(el as HTMLSelectElement, state);
      if (el !== focused && el.value !== value) el.value = value;
      if (c.kind === 'range') setText(root.querySelector(`#${controlId(c)}-out`)!, pctText(el === focused ? el.value : value));
    }
  }
  root.querySelector<HTMLElement>('#responseCache-lookupUSDPerRequest')!.closest<HTMLElement>('.field')!.hidden = state.levers.responseCache.mode !== 'semantic';
  for (const o of state.outcomes) cardFigures(root, o, state);
  selfHost(root, state);
}

function routeOptions(sel: HTMLSelectElement, state: ViewState): void {
  const key = state.routeOptions.map((o) => `${o.value}=${o.monthlyUSD}`).join('|');
  if (sel.dataset.key === key) return;
  sel.dataset.key = key;
  sel.replaceChildren(...(state.routeOptions.length
    ? state.routeOptions.map((o) => h('option', { value: o.value }, `${o.label} · ${formatUSD(o.monthlyUSD)}`))
    : [h('option', { value: '' }, 'No cheaper model in the catalog')]));
  sel.value = state.levers.routing.target;
}

function cardFigures(root: HTMLElement, o: LeverView, state: ViewState): void {
  const id: ChainLeverId = o.id;
  const card = root.querySelector<HTMLElement>(`#lever-${id}`)!;
  const cannot = o.appliesTo === 0 && o.prompts > 0;
  card.classList.toggle('cannot', cannot);
  setMoneyLine(card, `${id}-alone`, cannot ? null : o.alone);
  setMoneyLine(card, `${id}-step`, cannot ? null : o.step);
  const badge = card.querySelector<HTMLElement>(`[data-testid="${id}-badge"]`)!;
  const m = o.step ?? o.alone;
  setText(badge, cannot ? 'cannot apply' : m.saving > 0 ? `−${formatUSD(m.saving)}/mo` : '');
  const reason = card.querySelector<HTMLElement>(`[data-testid="${id}-reason"]`)!;
  const why = id === 'routing' && state.routeError ? state.routeError : o.reason;
  reason.hidden = !why;
  setText(reason, why ? (cannot ? `Cannot apply: ${why}` : why) : '');
  facts(card.querySelector<HTMLElement>(`[data-testid="${id}-facts"]`)!, o.facts);
}

function facts(dl: HTMLElement, list: LeverView['facts']): void {
  const key = JSON.stringify(list);
  if (dl.dataset.key === key) return;
  dl.dataset.key = key;
  dl.replaceChildren(...list.map((f) => h('div', { class: 'fact' }, h('dt', {}, f.label), h('dd', {}, f.value))));
}

function selfHost(root: HTMLElement, state: ViewState): void {
  const card = root.querySelector<HTMLElement>('#lever-selfHost')!;
  const sh = state.selfHost;
  setMoney(card.querySelector<HTMLElement>('[data-testid="selfHost-gpu"]')!, sh.gpuMonthlyUSD, formatUSD(sh.gpuMonthlyUSD));
  setText(card.querySelector('[data-testid="selfHost-hours"]')!, `(${Math.round(sh.hoursPerMonth)} h)`);
  setMoneyLine(card, 'selfHost-alone', sh.alone);
  setMoneyLine(card, 'selfHost-combined', state.combined.levers.length ? sh.combined : null);
  const be = sh.combined.breakEven;
  setText(card.querySelector('[data-testid="selfHost-breakeven"]')!,
    be === null ? 'never: requests cost nothing' : `${formatRate(be)} requests/day (now ${formatRate(state.baseline.requestsPerDay)}/day)`);
  const badge = card.querySelector<HTMLElement>('[data-testid="selfHost-badge"]')!;
  setText(badge, sh.combined.saving > 0 ? `−${formatUSD(sh.combined.saving)}/mo` : 'API cheaper');
}
