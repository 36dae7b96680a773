import type { Settings } from '../config/schema';
import { monthlyCost, MonthlyCost } from '../cost/monthly';
import { rateAt, requestCost, RequestCost } from '../cost/request';
import { detectPrompts } from '../discovery/index';
import type { DetectedPrompt } from '../discovery/types';
import { cachePolicy } from '../pricing/caching';
import type { Catalog } from '../pricing/catalog';
import type { CatalogModel } from '../pricing/types';
import { buildRuleContext, mergeFindings, PROMPT_RULES, runRules, WORKSPACE_RULES } from '../rules/index';
import type { Finding, RuleContext } from '../rules/types';
import { parseInlineAnnotation } from '../slots/inline';
import type { EstimatedVariable, InlineAnnotation } from '../slots/types';
import { countWith, loadTokenizer, profileForModel } from '../tokenizer/index';
import type { TokenizerProfile } from '../tokenizer/types';
import { overrideFor } from './overrides';

/** One prompt, priced, with its waste findings. */
export interface AnalyzedPrompt {
  readonly path: string;
  readonly prompt: DetectedPrompt;
  /** The model id that applies (inline annotation > per-glob override > call-site literal > settings). */
  readonly modelId: string;
  /** Undefined when the model is unknown: then `error` says so and the prompt is not priced. */
  readonly model?: CatalogModel;
  readonly error?: string;
  readonly profile?: TokenizerProfile;
  readonly staticTokens: number;
  /** Static tokens + variable estimates. */
  readonly tokens: number;
  readonly exact: boolean;
  readonly variables: readonly EstimatedVariable[];
  readonly requestsPerDay: number;
  readonly outputTokens: number;
  readonly request?: RequestCost;
  readonly monthly?: MonthlyCost;
  readonly findings: readonly Finding[];
  readonly inline?: InlineAnnotation;
  /** Tokens of the static text before the first variable: what provider prefix caching can reuse. */
  readonly staticPrefixTokens: number;
}

export interface AnalyzeOptions {
  readonly settings: Settings;
  readonly catalog: Catalog;
  /** Every prompt of the workspace, for cross-file rules (duplicate boilerplate). */
  readonly workspacePrompts?: RuleContext['workspacePrompts'];
  /** Prompts already detected in this document (skips detection). */
  readonly prompts?: readonly DetectedPrompt[];
  /**
   * Run the rules that need every prompt of the workspace later, with addWorkspaceFindings() (`workspacePrompts` is
   * then not read): a file can be priced as soon as it is scanned.
   */
  readonly workspaceRulesLater?: boolean;
  readonly asOf?: Date;
}

/** Finds, counts, prices and lints every prompt of one document. Never throws for a bad document. */
export async function analyzeDocument(path: string, text: string, opts: AnalyzeOptions): Promise<AnalyzedPrompt[]> {
  const prompts = opts.prompts ?? detectPrompts(path, text);
  const out: AnalyzedPrompt[] = [];
  for (const prompt of prompts) out.push(await analyzePrompt(path, text, prompt, opts));
  return out;
}

export async function analyzePrompt(path: string, text: string, prompt: DetectedPrompt, opts: AnalyzeOptions): Promise<AnalyzedPrompt> {
  const { settings } = opts;
  const inline = parseInlineAnnotation(text, prompt.startOffset, prompt.endOffset);
  const glob = overrideFor(settings, path);
  const modelId = inline?.model ?? glob?.model ?? prompt.model ?? settings.model;
  const requestsPerDay = inline?.requestsPerDay ?? glob?.requestsPerDay ?? settings.requestsPerDay;
  const outputTokens = inline?.outputTokens ?? glob?.outputTokens ?? settings.outputTokens;
  let model: CatalogModel | undefined;
  let error: string | undefined;
  try {
    model = opts.catalog.resolve(modelId, { ...settings, asOf: opts.asOf });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const profile = profileForModel(model?.id ?? modelId, model?.provider);
  const tokenizer = await loadTokenizer(profile.encoding);
  let exact = true;
  const count = (t: string): number => {
    const c = countWith(tokenizer, t, profile);
    if (!c.exact) exact = false;
    return c.tokens;
  };
  const daysPerMonth = settings.daysPerMonth;
  const inputRate = model ? rateAt(model.prices.input, 0) : 0;
  const monthlyUSDPerInputToken = (inputRate / 1e6) * requestsPerDay * daysPerMonth;
  const cache = model && model.prices.cachedInput !== undefined
    ? { minCacheableTokens: cachePolicy(model).minCacheableTokens, cachedInputDiscount: inputRate > 0 ? Math.max(0, 1 - rateAt(model.prices.cachedInput, 0) / inputRate) : 0 }
    : undefined;
  const ctx = buildRuleContext({
    path, documentText: text, prompt, count, settings, monthlyUSDPerInputToken, workspacePrompts: opts.workspacePrompts, cache, inline: inline ?? null,
  });
  const request = model ? requestCost(model.prices, { input: ctx.promptTokens, output: outputTokens }) : undefined;
  const monthly = request ? monthlyCost(request.totalUSD, requestsPerDay, daysPerMonth) : undefined;
  const ruleCtx = { ...ctx, monthlyUSD: monthly?.monthlyUSD ?? 0 };
  const findings = model ? runRules(ruleCtx, opts.workspaceRulesLater ? { rules: PROMPT_RULES } : {}) : [];
  const firstSlot = (ctx.slots ?? []).filter((s) => s.kind !== 'comment').reduce((m, s) => Math.min(m, s.start), prompt.text.length);
  const staticPrefixTokens = firstSlot >= prompt.text.length ? ctx.staticTokens : count(prompt.text.slice(0, firstSlot));
  const out: AnalyzedPrompt = {
    path, prompt, modelId, model, error, profile, staticTokens: ctx.staticTokens, tokens: ctx.promptTokens, exact: exact && profile.exact,
    variables: ctx.variables, requestsPerDay, outputTokens, request, monthly, findings, inline, staticPrefixTokens,
  };
  if (opts.workspaceRulesLater && model) laterRules.set(out, ruleCtx);
  return out;
}

/** The rule context of prompts analysed with `workspaceRulesLater`, until addWorkspaceFindings() runs their rules. */
const laterRules = new WeakMap<AnalyzedPrompt, RuleContext>();

/**
 * A prompt analysed with `workspaceRulesLater`, with the findings of the workspace rules added: the same prompt
 * analyzePrompt() gives with `workspacePrompts` (findings in the same order). Others are returned as they are.
 */
export function addWorkspaceFindings(a: AnalyzedPrompt, workspacePrompts: RuleContext['workspacePrompts']): AnalyzedPrompt {
  const ctx = laterRules.get(a);
  if (!ctx) return a;
  laterRules.delete(a);
  const more = runRules({ ...ctx, ...(workspacePrompts ? { workspacePrompts } : {}) }, { rules: WORKSPACE_RULES });
  return more.length === 0 ? a : { ...a, findings: mergeFindings(a.findings, more) };
}
