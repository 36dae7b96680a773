import { z } from 'zod';

/**
 * THE settings schema: VS Code settings (`promptCostLens.*`), the workspace file `.promptcost.json` and
 * `contributes.configuration` (generated from this by scripts/gen-config.mjs; a test fails on drift).
 * Every key has a default, so a bad value for one key never affects the others.
 */
const pct = (d: string, def: number) => z.number().min(0).max(1000).default(def).describe(d);

export const priceSpecSchema = z
  .object({
    input: z.number().min(0).optional().describe('USD per 1M input tokens'),
    output: z.number().min(0).optional().describe('USD per 1M output tokens'),
    cachedInput: z.number().min(0).optional().describe('USD per 1M cached input tokens'),
    cacheWrite: z.number().min(0).optional().describe('USD per 1M tokens written to the prompt cache'),
    batchDiscountPct: z.number().min(0).max(100).optional().describe('Batch API discount in percent (50 = half price)'),
    provider: z.string().optional().describe('Vendor whose tokenizer the model resembles (e.g. openai, anthropic)'),
  })
  .strict();

export const overheadsSchema = z
  .object({
    retryPct: pct('Retries and failed calls, % of the monthly inference cost', 15),
    evalPct: pct('Evaluation runs, % of the monthly inference cost', 15),
    monitoringPct: pct('Monitoring and logging calls, % of the monthly inference cost', 10),
    contextWastePct: pct('Context waste (irrelevant retrieved context), % of the monthly inference cost', 0),
    fixedMonthlyUSD: z.number().min(0).default(0).describe('Fixed monthly infrastructure in USD (vector DB, cache, observability)'),
  })
  .strict();

export const forecastSchema = z
  .object({
    retries: z.number().min(0).default(1.5).describe('Multiplier for retries and failed calls'),
    evaluation: z.number().min(0).default(0.3).describe('Added for evaluation during development'),
    staging: z.number().min(0).default(0.5).describe('Added for staging and test environments'),
    monitoring: z.number().min(0).default(0.2).describe('Added for monitoring overhead'),
    growth: z.number().min(0).default(1.5).describe('Growth buffer multiplier'),
  })
  .strict();

export const overrideSchema = z
  .object({
    glob: z.string().min(1).describe('Files this override applies to (minimatch, relative to the workspace root)'),
    model: z.string().min(1).optional(),
    requestsPerDay: z.number().min(0).optional(),
    outputTokens: z.number().int().min(0).optional(),
    variables: z.record(z.string(), z.number().int().min(0)).optional().describe('Estimated tokens per template variable'),
  })
  .strict();

export const severitySchema = z.enum(['off', 'error', 'warning', 'info', 'hint']);

export const budgetsSchema = z
  .object({
    maxTokensPerPrompt: z.number().int().min(0).optional().describe('Flag a prompt above this many input tokens (template variables included)'),
    maxMonthlyUSDPerPrompt: z.number().min(0).optional().describe('Flag a prompt above this monthly cost in USD'),
    maxMonthlyUSD: z.number().min(0).optional().describe('Workspace total monthly budget in USD: the audit fails (exit 1) above it'),
    maxGrowthPct: z.number().min(0).default(10).describe('With --baseline, fail when the workspace total grew by more than this percentage'),
  })
  .strict();

export const settingsShape = {
  model: z.string().min(1).default('gpt-4o-mini').describe('Model used to price prompts: a bare id (gpt-4o, claude-haiku-4-5, gemini-2.5-flash) or provider:model for a reseller (azure:gpt-4o, openrouter/openai/gpt-4o).'),
  requestsPerDay: z.number().min(0).default(1000).describe('Requests per day each prompt is sent with, unless a prompt says otherwise.'),
  outputTokens: z.number().int().min(0).default(300).describe('Output tokens assumed per request.'),
  daysPerMonth: z.number().gt(0).max(31).default(30).describe('Days in a month for monthly figures.'),
  overheads: overheadsSchema.default(overheadsSchema.parse({})).describe('Hidden-cost layers added to the monthly inference cost.'),
  forecast: forecastSchema.default(forecastSchema.parse({})).describe('Factors of the forecast multiplier method (naive x (retries + evaluation + staging + monitoring) x growth).'),
  include: z.array(z.string()).default([]).describe('Extra globs of files that hold prompts.'),
  exclude: z.array(z.string()).default(['**/node_modules/**', '**/dist/**', '**/.git/**', '**/vendor/**']).describe('Globs of files never read.'),
  overrides: z.array(overrideSchema).default([]).describe('Per-glob model, traffic, output and variable-size overrides.'),
  variables: z.record(z.string(), z.number().int().min(0)).default({}).describe('Estimated tokens per template variable by name (e.g. {"history": 2000}); defaults by name apply otherwise.'),
  budgets: budgetsSchema.default(budgetsSchema.parse({})).describe('Token and cost budgets for the over-budget rule and the audit.'),
  rules: z.record(z.string(), severitySchema).default({}).describe('Severity per waste rule id (off, error, warning, info, hint), e.g. {"few-shot-bloat": "error"}.'),
  customModels: z.record(z.string(), priceSpecSchema).default({}).describe('Models not in the catalog, priced in USD per 1M tokens.'),
  priceOverrides: z.record(z.string(), priceSpecSchema).default({}).describe('Price overrides for catalog models, in USD per 1M tokens.'),
} as const;

/** Settings that only make sense per machine/user, never from a workspace file. */
export const SETTING_SCOPES: Partial<Record<keyof typeof settingsShape, 'application' | 'machine' | 'window' | 'resource'>> = {};

export const settingsSchema = z.object(settingsShape);
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof typeof settingsShape;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
