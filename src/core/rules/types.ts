/** Contracts of the waste rules: what a rule gets, what it reports, how its fixes are expressed. */
import type { Settings } from '../config/schema';
import type { DetectedPrompt } from '../discovery/types';
import type { EstimatedVariable, InlineAnnotation, TemplateSlot } from '../slots/types';

export type { EstimatedVariable };

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RuleContext {
  /** Posix path of the document relative to the workspace root. */
  path: string;
  documentText: string;
  prompt: DetectedPrompt;
  /** Token count of a text for the prompt's model (sync, injected). */
  count: (t: string) => number;
  /** Input tokens of one request: static text + variable estimates. */
  promptTokens: number;
  variables: EstimatedVariable[];
  /** USD per month of 1 input token sent with every request of this prompt, at its model and traffic. */
  monthlyUSDPerInputToken: number;
  /** This prompt's monthly cost in USD. */
  monthlyUSD: number;
  settings: Settings;
  /** Every prompt of the workspace (this one included), for cross-file rules. */
  workspacePrompts?: { path: string; prompt: DetectedPrompt }[];
  /** Prompt caching of the prompt's model; undefined: unknown (cache rules stay silent). */
  cache?: { minCacheableTokens: number; /** 0..1 fraction saved on cached tokens */ cachedInputDiscount: number };
  /** Slots of `prompt.text` when already found (else rules find them). */
  slots?: TemplateSlot[];
  /** The prompt's `prompt-cost:` annotation; its `ignore=` ids are rules runRules skips for this prompt. */
  inline?: InlineAnnotation;
}

export interface TextEdit {
  /** Offsets in the document text: replace [startOffset, endOffset) with newText. */
  startOffset: number;
  endOffset: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Non-overlapping edits, sorted by offset. */
  edits: TextEdit[];
}

export interface RelatedLocation {
  path: string;
  startOffset: number;
  endOffset: number;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Offsets in the document text. */
  startOffset: number;
  endOffset: number;
  /** Input tokens saved per request by the fix (token-equivalents for caching savings). */
  savingsTokens: number;
  savingsMonthlyUSD: number;
  fixes: Fix[];
  related?: RelatedLocation[];
}

export interface Rule {
  /** Stable id, also the settings key and the diagnostic code. */
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** 'docs/rules/<id>.md' */
  docs: string;
  /** Reads `ctx.workspacePrompts`: it can only run once every prompt of the workspace is known. */
  workspace?: boolean;
  check(ctx: RuleContext): Finding[];
}
