/**
 * The messages between the Prompt Cost panel's host (src/vscode/panel) and its webview (src/webview), shared by both
 * bundles. Each side validates every message it receives with these schemas before using it; the TypeScript types are
 * inferred from them, so the two cannot drift. No vscode, DOM or Node imports here.
 *
 *   webview → host: ready, setScope, setLevers, copyMarkdown, openPrompt, rescan
 *   host → webview: state (the whole view, after `ready` and after every change), notice
 */
import * as z from 'zod/mini';
import { LEVER_ORDER, leverSettingsSchema } from '../core/whatif/levers';

export const scopeSchema = z.enum(['prompt', 'file', 'workspace']);
export type Scope = z.infer<typeof scopeSchema>;

const usd = z.number();
const count = z.int().check(z.minimum(0));
const text = z.string().check(z.maxLength(20_000));
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));
const leverId = z.enum(LEVER_ORDER);

export const moneySchema = z.object({ before: usd, after: usd, saving: usd });
export type MoneyView = z.infer<typeof moneySchema>;

/** A fact the host worked out for a lever, already worded: `Static prefix` → `1,536 tokens`. */
export const factSchema = z.object({ label: text, value: text });

export const leverViewSchema = z.object({
  id: leverId,
  on: z.boolean(),
  /** The lever alone against today's cost. */
  alone: moneySchema,
  /** Its step in the combination (null when off). */
  step: z.nullable(moneySchema),
  appliesTo: count,
  prompts: count,
  /** Why it cannot apply (to all or some prompts). */
  reason: z.nullable(text),
  facts: list(factSchema, 20),
});
export type LeverView = z.infer<typeof leverViewSchema>;

export const promptRowSchema = z.object({
  uri: text,
  promptIndex: count,
  path: text,
  name: text,
  /** 1-based. */
  line: count,
  model: text,
  tokens: count,
  monthlyUSD: usd,
});
export type PromptRow = z.infer<typeof promptRowSchema>;

export const routeOptionSchema = z.object({ value: text, label: text, monthlyUSD: usd });

export const selfHostViewSchema = z.object({
  on: z.boolean(),
  gpuMonthlyUSD: usd,
  hoursPerMonth: z.number(),
  /** GPUs against today's API cost / the combined API cost; breakEven in requests per day (null: never). */
  alone: z.extend(moneySchema, { breakEven: z.nullable(z.number()) }),
  combined: z.extend(moneySchema, { breakEven: z.nullable(z.number()) }),
});

export const viewStateSchema = z.object({
  /** Echo of the last `setLevers` seq the host applied: the webview ignores states older than what it sent. */
  seq: count,
  scope: scopeSchema,
  levers: leverSettingsSchema,
  /** ready: numbers below are for the selection; empty/loading: show `message` instead. */
  status: z.enum(['ready', 'empty', 'loading']),
  message: z.nullable(text),
  title: text,
  subtitle: text,
  baseline: z.object({
    monthlyUSD: usd, perRequestUSD: usd, requestsPerDay: z.number(),
    inputStaticUSD: usd, inputVariablesUSD: usd, outputUSD: usd, requestFeeUSD: usd,
  }),
  /** By prompt, dearest first (file and workspace scopes). */
  prompts: list(promptRowSchema, 2000),
  outcomes: z.array(leverViewSchema),
  combined: z.extend(moneySchema, { savingPct: z.number(), levers: z.array(leverId) }),
  steps: z.array(z.object({ id: z.union([z.literal('now'), leverId]), monthlyUSD: usd })),
  selfHost: selfHostViewSchema,
  routeOptions: list(routeOptionSchema, 500),
  routeError: z.nullable(text),
  unpriced: list(z.object({ path: text, name: text, error: text }), 2000),
});
export type ViewState = z.infer<typeof viewStateSchema>;

export const webviewToHostSchema = z.discriminatedUnion('type', [
  /** The webview loaded (first time or after being hidden): send the whole state. */
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('setScope'), scope: scopeSchema }),
  /** Every lever's setting; `seq` increases with each message the webview sends. */
  z.object({ type: z.literal('setLevers'), seq: count, levers: leverSettingsSchema }),
  z.object({ type: z.literal('copyMarkdown') }),
  z.object({ type: z.literal('openPrompt'), uri: text, promptIndex: count }),
  /** Scan the workspace again. */
  z.object({ type: z.literal('rescan') }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: viewStateSchema }),
  /** A short confirmation to show (e.g. after Copy as Markdown). */
  z.object({ type: z.literal('notice'), text }),
]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;

/** What the webview keeps with setState across hide/show: the last state, to paint at once before the host answers. */
export const persistedSchema = z.object({ state: viewStateSchema, sentSeq: count });
export type Persisted = z.infer<typeof persistedSchema>;

/** Arguments of the `promptCostLens.openPanel` command (the CodeLens passes a vscode.Uri, others may pass a string). */
export const openPanelArgsSchema = z.strictObject({ uri: z.string().check(z.minLength(1), z.maxLength(4000)), promptIndex: z.optional(count) });

/** zod/mini carries no message locale: say where each problem is and what was expected. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; code: string; expected?: unknown; values?: readonly unknown[] }[]): string {
  return issues.slice(0, 3).map((i) => {
    const where = i.path.map(String).join('.') || 'message';
    const what = i.expected !== undefined ? `expected ${String(i.expected)}` : i.values ? `expected one of ${i.values.map(String).join(', ')}` : i.code.replace(/_/g, ' ');
    return `${where}: ${what}`;
  }).join('; ') + (issues.length > 3 ? `; and ${issues.length - 3} more` : '');
}
