import type { AnalyzedPrompt } from '../../core/audit/analyze';
import type { Settings } from '../../core/config/schema';
import { formatInt, formatRate, formatUSD } from '../../core/format/numbers';
import { cachePolicy } from '../../core/pricing/caching';
import { CATALOG_SOURCE } from '../../core/pricing/catalog';
import type { EstimatedVariable } from '../../core/slots/types';
import { outputSource, sourceText, trafficSource, modelSource } from '../format';

/** Escapes text for Markdown (names and messages come from the user's files). */
export function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** Inline code (no escaping inside backticks; a backtick in the text becomes a quote). */
export function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

function variableSource(v: EstimatedVariable): string {
  switch (v.source) {
    case 'inline': return 'inline annotation';
    case 'glob': return 'override for this file';
    case 'settings': return 'promptCostLens.variables';
    case 'name-default': return v.category ? `default for ${v.category} names` : 'default by name';
    default: return 'default';
  }
}

const SEVERITY_ICON = { error: '$(error)', warning: '$(warning)', info: '$(info)', hint: '$(lightbulb)' } as const;

export interface HoverFacts {
  readonly settings: Settings;
  readonly fileSetsModel: boolean;
  readonly fileSetsTraffic: boolean;
}

/**
 * The hover of a prompt, in Markdown (theme icons only, no colours or HTML, so it reads in every theme): static tokens
 * vs each variable's estimate and its source, the cacheable static prefix, the output assumption, the input/output
 * cost split, exactness and the price date, and the top findings with their savings.
 */
export function hoverMarkdown(a: AnalyzedPrompt, facts: HoverFacts): string {
  const p = a.prompt;
  const out: string[] = [];
  out.push(`**Prompt Cost Lens** · ${md(p.name || a.path)} · ${md(p.kind)} (${md(p.format)}) · ${code(a.modelId)} (from ${md(sourceText(modelSource(a, facts.settings, facts.fileSetsModel), 'model').replace(/`/g, ''))})`);
  if (!a.model) {
    out.push('', `$(error) ${md(a.error ?? 'unknown model')}`);
    return out.join('\n');
  }
  const approx = (n: number, exact: boolean) => `${exact ? '' : '≈'}${formatInt(n)}`;
  out.push('', '| Input per request | Tokens |', '|:--|--:|', `| Static text | ${approx(a.staticTokens, a.exact)} |`);
  for (const v of a.variables) {
    const loop = v.inLoop ? `, ×${v.loopFactor} in a loop` : '';
    out.push(`| ${code(v.name)} — ${md(variableSource(v))}${v.bounded ? ', bounded' : ''}${loop} | ≈${formatInt(v.estimatedTokens)} |`);
  }
  out.push(`| **Input total** | **${approx(a.tokens, a.exact && a.variables.length === 0)}** |`);
  out.push(`| Output, assumed (${md(sourceText(outputSource(a, facts.settings), 'outputTokens').replace(/`/g, ''))}) | ${formatInt(a.outputTokens)} |`);
  out.push('');
  const policy = cachePolicy(a.model);
  const cacheable = a.staticPrefixTokens >= policy.minCacheableTokens;
  out.push(`**Cacheable static prefix:** ${formatInt(a.staticPrefixTokens)} tokens — ${cacheable ? 'long enough for prompt caching' : `below the ${formatInt(policy.minCacheableTokens)}-token minimum`} (${md(policy.note)})`, '');
  const r = a.request;
  if (r) {
    const input = r.inputUSD + r.cachedInputUSD + r.cacheWriteUSD;
    const fee = r.requestFeeUSD > 0 ? ` + ${formatUSD(r.requestFeeUSD)} fee` : '';
    out.push(`**Per request:** ${formatUSD(input)} input + ${formatUSD(r.outputUSD)} output${fee} = **${formatUSD(r.totalUSD)}**`, '');
  }
  if (a.monthly) {
    const traffic = sourceText(trafficSource(a, facts.settings, facts.fileSetsTraffic), 'requestsPerDay').replace(/`/g, '');
    out.push(`**Per month:** **${formatUSD(a.monthly.monthlyUSD)}** at ${formatRate(a.requestsPerDay)} requests/day × ${a.monthly.daysPerMonth} days (traffic from ${md(traffic)})`, '');
  }
  const prof = a.profile;
  if (prof) {
    const how = a.exact
      ? `exact, ${prof.encoding}${a.variables.length ? ' (static text; variable sizes are estimates)' : ''}`
      : `estimate ±${prof.errorPct} % (${prof.encoding} × ${prof.factor} for ${md(prof.family)}: ${md(prof.note)})`;
    out.push(`**Count:** ${how}`, '');
  }
  out.push(`**Prices** as of ${a.model.priceDate ?? CATALOG_SOURCE.date} (${CATALOG_SOURCE.name} ${CATALOG_SOURCE.version}, ${md(a.model.providerName)})`);
  const top = a.findings.slice(0, 3);
  if (top.length) {
    out.push('', '**Top findings**', '');
    for (const f of top) {
      const save = f.savingsMonthlyUSD > 0 ? ` — saves **${formatUSD(f.savingsMonthlyUSD)}/month**` : f.savingsTokens > 0 ? ` — saves ${formatInt(f.savingsTokens)} tokens/request` : '';
      out.push(`- ${SEVERITY_ICON[f.severity]} ${code(f.rule)}: ${md(f.message)}${save}`);
    }
    if (a.findings.length > top.length) out.push(`- … and ${a.findings.length - top.length} more (Problems panel)`);
  }
  return out.join('\n');
}
