import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimatePromptText, formatLens } from '../../../src/core/estimate';
import type { PromptEstimate } from '../../../src/core/estimate';
import { SAMPLE_WORKSPACE } from '../lib/paths';

/** What the core computes for a sample file at the default settings (model gpt-4o-mini, 1000/day, 300 out). */
export async function expectedFor(relativePath: string, model = 'gpt-4o-mini'): Promise<{ estimate: PromptEstimate; title: string }> {
  const text = readFileSync(join(SAMPLE_WORKSPACE, relativePath), 'utf8');
  const estimate = await estimatePromptText(text, { model, requestsPerDay: 1000, outputTokens: 300, daysPerMonth: 30 });
  return { estimate, title: formatLens(estimate) };
}

/** The same for any text and model. */
export async function expectedForText(text: string, model = 'gpt-4o-mini'): Promise<{ estimate: PromptEstimate; title: string }> {
  const estimate = await estimatePromptText(text, { model, requestsPerDay: 1000, outputTokens: 300, daysPerMonth: 30 });
  return { estimate, title: formatLens(estimate) };
}

export function sampleText(relativePath: string): string {
  return readFileSync(join(SAMPLE_WORKSPACE, relativePath), 'utf8');
}

/** The token count a lens title shows (`≈1,240 tokens · …` → 1240). */
export function tokensShown(title: string): number {
  const m = /^≈?([\d,]+) tokens/.exec(title.trim());
  if (!m) throw new Error(`not a Prompt Cost Lens title: ${JSON.stringify(title)}`);
  return Number(m[1].replace(/,/g, ''));
}
