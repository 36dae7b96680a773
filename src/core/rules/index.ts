/** The waste rules, their registry and the runner that applies the configured severities. */
import { cacheUnfriendlyOrder } from './cache-unfriendly-order';
import { duplicateBoilerplate } from './duplicate-boilerplate';
import { fewShotBloat } from './few-shot-bloat';
import { overBudget } from './over-budget';
import { prettyJson } from './pretty-json';
import type { Finding, Rule, RuleContext, Severity, SeveritySetting } from './types';
import { unboundedVariable } from './unbounded-variable';
import { verboseFiller } from './verbose-filler';
import { whitespaceWaste } from './whitespace-waste';

export type { Finding, Fix, RelatedLocation, Rule, RuleContext, Severity, SeveritySetting, TextEdit } from './types';
export { applyEdits, nonOverlapping } from './util';
export { buildRuleContext, type RuleContextInput } from './context';

/** Every rule, in order of importance. */
export const RULES: readonly Rule[] = [
  fewShotBloat, unboundedVariable, cacheUnfriendlyOrder, duplicateBoilerplate, whitespaceWaste, prettyJson, verboseFiller, overBudget,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** The severity a rule runs at: `settings.rules[id]` when set, else its default. */
export function severityOf(rule: Rule, rules: Readonly<Record<string, SeveritySetting>> | undefined): SeveritySetting {
  return rules?.[rule.id] ?? rule.defaultSeverity;
}

/**
 * Runs every rule not turned 'off' in `ctx.settings.rules` nor ignored by the prompt's annotation (`prompt-cost:
 * ignore=<rule-id>`, or `ignore=all`), with the configured severity. A rule that throws is
 * skipped (its error goes to `onError`) so one broken rule never hides the others. Order: few-shot-bloat first, then
 * by monthly savings, then token savings (descending), then position.
 */
export function runRules(ctx: RuleContext, opts: { rules?: readonly Rule[]; onError?: (rule: Rule, err: unknown) => void } = {}): Finding[] {
  const out: Finding[] = [];
  const ignored = ctx.inline?.ignore ?? [];
  for (const rule of opts.rules ?? RULES) {
    const sev = severityOf(rule, ctx.settings?.rules);
    if (sev === 'off' || ignored.includes(rule.id) || ignored.includes('all')) continue;
    let found: Finding[];
    try {
      found = rule.check(ctx);
    } catch (err) {
      opts.onError?.(rule, err);
      continue;
    }
    for (const f of found) out.push({ ...f, severity: sev as Severity });
  }
  return out.sort(byImportance);
}

/** Rules that need every prompt of the workspace (`Rule.workspace`), and the others. */
export const WORKSPACE_RULES: readonly Rule[] = RULES.filter((r) => r.workspace);
export const PROMPT_RULES: readonly Rule[] = RULES.filter((r) => !r.workspace);

/**
 * What runRules() gives for all the rules, from what it gave for two parts of them (`a` and `b`, each the result of a
 * runRules() call with its own rules): runRules() sorts the findings it collected in RULES order with a stable sort,
 * so findings that compare equal stay in RULES order, which is what the tie-break by rule does here.
 */
export function mergeFindings(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  return b.length === 0 ? [...a] : a.length === 0 ? [...b] : sortFindings([...a, ...b]);
}

const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));
const ruleIndex = (f: Finding): number => RULE_INDEX.get(f.rule) ?? -1;
const firstRank = (f: Finding): number => (f.rule === fewShotBloat.id ? 0 : 1);

/** runRules() order: few-shot-bloat first, then by monthly savings, then token savings (descending), then position. */
function byImportance(a: Finding, b: Finding): number {
  return firstRank(a) - firstRank(b) || b.savingsMonthlyUSD - a.savingsMonthlyUSD || b.savingsTokens - a.savingsTokens || a.startOffset - b.startOffset;
}

function sortFindings(out: Finding[]): Finding[] {
  return out.sort((a, b) => byImportance(a, b) || ruleIndex(a) - ruleIndex(b));
}
