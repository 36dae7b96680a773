import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../../src/core/audit/analyze';
import type { AnalyzedPrompt } from '../../../src/core/audit/analyze';
import { parseSettings } from '../../../src/core/config/parse';
import type { PromptEstimate } from '../../../src/core/estimate';
import { formatLens } from '../../../src/core/format/lens';
import { loadCatalog } from '../../../src/core/pricing/catalog';
import { SAMPLE_WORKSPACE } from '../lib/paths';

export function sampleText(relativePath: string): string {
  return readFileSync(join(SAMPLE_WORKSPACE, relativePath), 'utf8');
}

/** The lens line the core's formatLens writes for an analysed prompt. */
export function titleOf(a: AnalyzedPrompt): string {
  const e = { exact: a.exact, tokens: a.tokens, perRequestUSD: a.request?.totalUSD ?? 0, monthlyUSD: a.monthly?.monthlyUSD ?? 0, requestsPerDay: a.requestsPerDay, modelId: a.modelId };
  return formatLens(e as PromptEstimate);
}

/** What the core computes for the prompts of a text at the given settings (schema defaults otherwise). */
export async function expectedForText(relativePath: string, text: string, settings: Record<string, unknown> = {}): Promise<{ prompts: AnalyzedPrompt[]; titles: string[] }> {
  const prompts = await analyzeDocument(relativePath, text, { settings: parseSettings(settings, 'test').settings, catalog: await loadCatalog() });
  return { prompts, titles: prompts.map(titleOf) };
}

/** The same for a sample file as it is on disk. */
export async function expectedFor(relativePath: string, settings: Record<string, unknown> = {}): Promise<{ prompts: AnalyzedPrompt[]; titles: string[] }> {
  return expectedForText(relativePath, sampleText(relativePath), settings);
}

/** The token count a lens title shows (`≈1,240 tokens · …` → 1240). */
export function tokensShown(title: string): number {
  const m = /^≈?([\d,]+) tokens/.exec(title.trim());
  if (!m) throw new Error(`not a Prompt Cost Lens title: ${JSON.stringify(title)}`);
  return Number(m[1].replace(/,/g, ''));
}
