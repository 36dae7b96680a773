import type { PromptEstimate } from '../estimate';
import { formatInt, formatRate, formatUSD } from './numbers';

/** The CodeLens line: `1,240 tokens · $0.0031/req · $2,790/mo @ 30k/day · gpt-4o` (`≈` when not exact). */
export function formatLens(e: PromptEstimate): string {
  const tokens = `${e.exact ? '' : '≈'}${formatInt(e.tokens)} tokens`;
  return `${tokens} · ${formatUSD(e.perRequestUSD)}/req · ${formatUSD(e.monthlyUSD)}/mo @ ${formatRate(e.requestsPerDay)}/day · ${e.modelId}`;
}
