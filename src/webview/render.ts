/// <reference lib="dom" />
/** The panel's page: scope switch, today's cost and its breakdown, the levers, the combined result and its chart. */
import { formatInt, formatRate, formatUSD } from '../core/format/numbers';
import { LEVER_TITLES, LeverSettings } from '../core/whatif/levers';
import { Bar, barChart, stackedBar } from './chart';
import { h, setMoney, setText } from './dom';
import { leverCards } from './levers';
import type { Scope, ViewState, WebviewToHost } from './protocol';

export interface PanelActions {
  readonly levers: () => LeverSettings;
  readonly setLevers: (l: LeverSettings) => void;
  readonly post: (m: WebviewToHost) => void;
}

const SCOPES: readonly [Scope, string][] = [['prompt', 'Prompt'], ['file', 'File'], ['workspace', 'Workspace']];

export class PanelView {
  private readonly cards: ReturnType<typeof leverCards>;
  private readonly main: HTMLElement;

  constructor(app: HTMLElement, private readonly actions: PanelActions) {
    this.cards = leverCards(actions.levers, actions.setLevers);
    const scope = h('fieldset', { class: 'scope' }, h('legend', {}, 'Show the cost of'));
    for (const [value, label] of SCOPES) {
      const input = h('input', { type: 'radio', name: 'scope', id: `scope-${value}`, value });
      input.addEventListener('change', () => input.checked && actions.post({ type: 'setScope', scope: value }));
      scope.append(h('span', { class: 'scope-option' }, input, h('label', { for: `scope-${value}` }, label)));
    }
    const rescan = h('button', { type: 'button', id: 'rescan', class: 'link', hidden: true }, 'Rescan');
    rescan.addEventListener('click', () => actions.post({ type: 'rescan' }));
    const copy = h('button', { type: 'button', id: 'copy-md' }, 'Copy as Markdown');
    copy.addEventListener('click', () => actions.post({ type: 'copyMarkdown' }));
    this.main = h('div', { id: 'content' },
      h('section', { id: 'summary', 'aria-labelledby': 'title' },
        h('h1', { id: 'title' }), h('p', { class: 'sub', id: 'subtitle' }),
        h('p', { class: 'big' }, h('span', { 'data-testid': 'now-monthly' }), h('span', { class: 'unit' }, ' per month')),
        h('p', { class: 'sub', 'data-testid': 'now-detail' }),
        h('div', { id: 'stack' }),
        h('table', { class: 'breakdown', 'aria-label': 'Where the money goes, per month' }, h('tbody', { id: 'breakdown' })),
      ),
      h('section', { id: 'by-prompt', 'aria-labelledby': 'by-prompt-title', hidden: true },
        h('h2', { id: 'by-prompt-title' }, 'By prompt'),
        h('table', { class: 'prompts' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Prompt'), h('th', { scope: 'col', class: 'num' }, '$/month'))), h('tbody', { id: 'prompt-rows' }))),
      h('section', { id: 'unpriced', hidden: true }, h('h2', {}, 'Not priced'), h('ul', { id: 'unpriced-list' })),
      this.cards.root,
      h('section', { id: 'combined', 'aria-labelledby': 'combined-title' },
        h('h2', { id: 'combined-title' }, 'Combined'),
        h('p', { class: 'big', 'aria-live': 'polite' },
          h('span', { 'data-testid': 'combined-before' }), ' → ', h('span', { 'data-testid': 'combined-after' }), h('span', { class: 'unit' }, ' per month')),
        h('p', { 'data-testid': 'combined-saving', class: 'saving' }),
        h('p', { class: 'sub', 'data-testid': 'combined-order' }),
        h('div', { id: 'chart' }),
      ),
      h('div', { class: 'actions' }, copy, h('span', { id: 'notice', role: 'status', 'aria-live': 'polite' })),
    );
    app.replaceChildren(scope, h('p', { class: 'message', id: 'message', hidden: true }, ''), rescan, this.main);
  }

  render(state: ViewState): void {
    for (const [value] of SCOPES) (document.getElementById(`scope-${value}`) as HTMLInputElement).checked = state.scope === value;
    const ready = state.status === 'ready';
    const message = document.getElementById('message')!;
    message.hidden = ready;
    message.classList.toggle('loading', state.status === 'loading');
    setText(message, state.message ?? '');
    document.getElementById('rescan')!.hidden = state.scope !== 'workspace' || state.status === 'loading';
    this.main.hidden = !ready;
    if (!ready) return;
    setText(document.getElementById('title')!, state.title);
    setText(document.getElementById('subtitle')!, state.subtitle);
    const b = state.baseline;
    setMoney(q('now-monthly'), b.monthlyUSD, formatUSD(b.monthlyUSD));
    setText(q('now-detail'), `${formatUSD(b.perRequestUSD)} per request · ${formatRate(b.requestsPerDay)} requests/day`);
    const slices = [
      { label: 'Input: static text', value: b.inputStaticUSD, kind: 'static' },
      { label: 'Input: template variables', value: b.inputVariablesUSD, kind: 'variables' },
      { label: 'Output', value: b.outputUSD, kind: 'output' },
      ...(b.requestFeeUSD > 0 ? [{ label: 'Request fees', value: b.requestFeeUSD, kind: 'fee' }] : []),
    ];
    document.getElementById('stack')!.replaceChildren(stackedBar('Monthly cost by part', slices));
    document.getElementById('breakdown')!.replaceChildren(...slices.map((x) => h('tr', {},
      h('th', { scope: 'row' }, h('span', { class: `swatch slice-${x.kind}`, 'aria-hidden': 'true' }), x.label),
      h('td', { class: 'num', 'data-testid': `breakdown-${x.kind}`, 'data-usd': String(x.value) }, formatUSD(x.value)))));
    this.prompts(state);
    this.cards.update(state);
    this.combined(state);
  }

  private prompts(state: ViewState): void {
    const section = document.getElementById('by-prompt')!;
    section.hidden = state.scope === 'prompt' || state.prompts.length < 1;
    document.getElementById('prompt-rows')!.replaceChildren(...state.prompts.map((p) => {
      const open = h('button', { type: 'button', class: 'link', title: `Open ${p.path}:${p.line}` }, p.name || p.path);
      open.addEventListener('click', () => this.actions.post({ type: 'openPrompt', uri: p.uri, promptIndex: p.promptIndex }));
      return h('tr', {},
        h('td', {}, open, h('span', { class: 'muted' }, ` ${p.path}:${p.line} · ${p.model} · ${formatInt(p.tokens)} tokens`)),
        h('td', { class: 'num', 'data-usd': String(p.monthlyUSD) }, formatUSD(p.monthlyUSD)));
    }));
    const unpriced = document.getElementById('unpriced')!;
    unpriced.hidden = state.unpriced.length === 0;
    document.getElementById('unpriced-list')!.replaceChildren(...state.unpriced.map((u) => h('li', {}, `${u.path} › ${u.name}: ${u.error}`)));
  }

  private combined(state: ViewState): void {
    const c = state.combined;
    setMoney(q('combined-before'), c.before, formatUSD(c.before));
    setMoney(q('combined-after'), c.after, formatUSD(c.after));
    setMoney(q('combined-saving'), c.saving, c.levers.length === 0 ? 'Turn levers on to combine them.'
      : c.saving >= 0 ? `saves ${formatUSD(c.saving)} a month (${c.savingPct.toFixed(1)}%)` : `costs ${formatUSD(-c.saving)} more a month`);
    setText(q('combined-order'), c.levers.length ? `Applied in this order: ${c.levers.map((id) => LEVER_TITLES[id]).join(' → ')}` : '');
    const bars: Bar[] = state.steps.map((s, i) => ({
      label: s.id === 'now' ? 'Today' : `after ${LEVER_TITLES[s.id]}`,
      value: s.monthlyUSD,
      kind: s.id === 'now' ? 'now' : s.monthlyUSD > state.steps[i - 1].monthlyUSD ? 'worse' : 'step',
    }));
    if (state.selfHost.on) bars.push({ label: 'Self-hosting (GPUs)', value: state.selfHost.gpuMonthlyUSD, kind: 'selfhost' });
    document.getElementById('chart')!.replaceChildren(barChart('Monthly cost before and after each lever', bars));
  }

  notice(text: string): void {
    const el = document.getElementById('notice')!;
    setText(el, text);
    setTimeout(() => el.textContent === text && setText(el, ''), 4000);
  }
}

function q(testid: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)!;
}
