import { formatInt, formatRate, formatUSD } from '../format/numbers';
import { ChainLeverId, LEVER_TITLES, LeverSettings } from './levers';
import type { ScenarioItem } from './items';
import type { LeverOutcome, Money, ScenarioResult } from './scenario';

export interface MarkdownMeta {
  /** What was priced, e.g. `prompts/support-agent.md › system`. */
  readonly title: string;
  /** e.g. `gpt-4o-mini · 1k requests/day · prices as of 2026-09-23`. */
  readonly subtitle: string;
  /** The routing target as shown to people. */
  readonly routeTargetLabel?: string;
  /** Average trimmed tokens per request and findings behind them, for the trim row. */
  readonly trim?: { readonly tokens: number; readonly findings: number };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const pct = (n: number): string => `${Math.round(n * 10) / 10}%`;
const saves = (m: Money): string => (m.savingUSD >= 0 ? `saves ${formatUSD(m.savingUSD)}` : `costs ${formatUSD(-m.savingUSD)} more`);
const moneyText = (m: Money): string => `${formatUSD(m.beforeMonthlyUSD)} → ${formatUSD(m.afterMonthlyUSD)} (${saves(m)})`;

/** The lever's setting in words (shared by the Markdown export and the CLI table). */
export function leverSettingText(id: ChainLeverId, l: LeverSettings, meta: Pick<MarkdownMeta, 'routeTargetLabel' | 'trim'> = {}): string {
  switch (id) {
    case 'trim':
      return meta.trim ? `−${formatInt(meta.trim.tokens)} input tokens/request (${meta.trim.findings} finding${meta.trim.findings === 1 ? '' : 's'})` : 'apply the waste findings';
    case 'routing':
      return `${pct(l.routing.sharePct)} of traffic to ${meta.routeTargetLabel ?? (l.routing.target || 'no model chosen')}`;
    case 'promptCache':
      return `${pct(l.promptCache.hitRatePct)} cache hits, ${l.promptCache.ttl} TTL`;
    case 'responseCache':
      return `${pct(l.responseCache.hitRatePct)} hits, ${l.responseCache.mode}` + (l.responseCache.mode === 'semantic' ? `, lookup ${formatUSD(l.responseCache.lookupUSDPerRequest)}/request` : '');
    case 'batch':
      return `${pct(l.batch.sharePct)} of traffic through the batch API`;
  }
}

function aloneText(o: LeverOutcome): string {
  if (o.appliesTo === 0) return `cannot apply: ${o.reason ?? 'not applicable'}`;
  return moneyText(o.alone) + (o.reason ? ` — ${o.reason}` : '');
}

/** The scenario as Markdown: what "Copy as Markdown" in the panel copies and `prompt-cost whatif --markdown` prints. */
export function scenarioMarkdown(r: ScenarioResult, levers: LeverSettings, meta: MarkdownMeta): string {
  const b = r.baseline.monthly;
  const lines = [
    `### Prompt cost what-if: ${meta.title}`,
    '',
    meta.subtitle,
    '',
    '| Today | $/month |',
    '|---|---:|',
    `| Input (static text) | ${formatUSD(b.inputStaticUSD)} |`,
    `| Input (template variables) | ${formatUSD(b.inputVariablesUSD)} |`,
    `| Output | ${formatUSD(b.outputUSD)} |`,
    ...(b.requestFeeUSD > 0 ? [`| Request fees | ${formatUSD(b.requestFeeUSD)} |`] : []),
    `| **Total** (${formatRate(r.requestsPerDay)} requests/day, ${formatUSD(r.baseline.perRequestUSD)}/request) | **${formatUSD(b.totalUSD)}** |`,
    '',
  ];
  if (r.baseline.byPrompt.length > 1) {
    lines.push('| Prompt | Model | Tokens | $/month |', '|---|---|---:|---:|');
    for (const p of [...r.baseline.byPrompt].sort((x, y) => y.monthly.totalUSD - x.monthly.totalUSD)) {
      lines.push(`| ${cell(`${p.path}:${p.startLine + 1} ${p.name}`)} | ${cell(p.modelId)} | ${formatInt(p.inputTokens)} | ${formatUSD(p.monthly.totalUSD)} |`);
    }
    lines.push('');
  }
  lines.push('| Lever | Setting | Alone ($/month) | In the combination |', '|---|---|---|---|');
  for (const o of r.levers) {
    const step = o.step ? moneyText(o.step) : 'off';
    lines.push(`| ${LEVER_TITLES[o.id]} | ${cell(leverSettingText(o.id, levers, meta))} | ${cell(aloneText(o))} | ${cell(step)} |`);
  }
  lines.push('');
  const on = r.combined.levers.map((id) => LEVER_TITLES[id]);
  lines.push(on.length
    ? `**Combined** (${on.join(' → ')}): ${formatUSD(r.combined.beforeMonthlyUSD)} → ${formatUSD(r.combined.afterMonthlyUSD)} per month, ${saves(r.combined)} (${pct(r.combined.savingPct)}).`
    : '**Combined:** no lever is on.');
  if (r.selfHost.on) {
    const s = r.selfHost;
    const c = s.combined;
    const be = c.breakEvenRequestsPerDay === null ? 'never (requests cost nothing)' : `${formatRate(c.breakEvenRequestsPerDay)} requests/day`;
    lines.push('', `**Self-hosting:** ${levers.selfHost.gpuCount} GPU × ${formatUSD(levers.selfHost.gpuHourlyUSD)}/h × ${formatInt(s.hoursPerMonth)} h = ${formatUSD(s.gpuMonthlyUSD)}/month ` +
      `against ${formatUSD(c.beforeMonthlyUSD)} on the API: ${c.savingUSD >= 0 ? `self-hosting saves ${formatUSD(c.savingUSD)}` : `the API is cheaper by ${formatUSD(-c.savingUSD)}`}; break-even at ${be}.`);
  }
  return lines.join('\n') + '\n';
}

/** Trimmed input tokens per request (traffic-weighted over a set) and the findings behind them. */
export function trimSummary(items: readonly ScenarioItem[]): { tokens: number; findings: number } {
  const rpd = items.reduce((s, it) => s + it.requestsPerDay, 0);
  const tokens = rpd > 0
    ? items.reduce((s, it) => s + it.trimTokens * it.requestsPerDay, 0) / rpd
    : items.reduce((s, it) => s + it.trimTokens, 0) / Math.max(1, items.length);
  return { tokens, findings: items.reduce((s, it) => s + it.trimFindings, 0) };
}

/** One line saying what was priced at what: model(s), traffic, output, price date. */
export function selectionSubtitle(items: readonly ScenarioItem[], pricesAsOf: string): string {
  const models = [...new Set(items.map((it) => it.model.label))];
  const rpd = items.reduce((s, it) => s + it.requestsPerDay, 0);
  const date = `prices as of ${pricesAsOf}`;
  if (items.length === 0) return date;
  if (items.length === 1) {
    const it = items[0];
    return `${it.model.label} · ${formatRate(it.requestsPerDay)} requests/day · ${formatInt(it.inputTokens)} in + ${formatInt(it.outputTokens)} out tokens · ${date}`;
  }
  return `${items.length} prompts · ${models.length === 1 ? models[0] : `${models.length} models`} · ${formatRate(rpd)} requests/day in all · ${date}`;
}
