/** Types of template slots: the variable parts of a prompt and their estimated fill sizes. */
import type { TemplateSyntax } from '../discovery/types';

export type { TemplateSyntax };

/**
 * What a piece of template markup is:
 * - `variable`: a value rendered into the prompt (`{x}`, `{{ x.y }}`, `${x}`, `{{$x}}`, a helper's argument).
 * - `iterable`: the collection a loop renders (`{% for m in history %}` → `history`); its estimate is the whole loop's fill.
 * - `partial`: another template pulled in (`{{> header}}`, `{% include "x.j2" %}`); sized like a variable by its name.
 * - `condition`: a value only tested (`{% if x %}`, `{{#if x}}`), never rendered: no tokens.
 * - `local`: a loop item, alias or macro parameter (`{{ m.content }}` inside `{% for m in … %}`): sized through its source.
 * - `helper`: a helper call without variables (`{{role "system"}}`, `{{media url="…"}}`).
 * - `block`: control markup (`{% endfor %}`, `{{/each}}`, `{{else}}`, `{% set %}`).
 * - `comment`: template comments (`{# … #}`, `{{! … }}`), never sent.
 */
export type SlotKind = 'variable' | 'iterable' | 'partial' | 'condition' | 'local' | 'helper' | 'block' | 'comment';

export interface TemplateSlot {
  readonly kind: SlotKind;
  /** Root variable name (`user.name` → `user`); the partial's name for partials; '' for markup without one. */
  readonly name: string;
  /** The full reference, e.g. `user.name`, `history[-5:]` → `history`, `env:API_KEY`. */
  readonly path: string;
  /** The raw expression inside the markup (without delimiters). */
  readonly expression: string;
  readonly syntax: TemplateSyntax;
  /** Offsets in the text given to `findSlots`: [start, end). */
  readonly start: number;
  readonly end: number;
  /** Inside a for/each/range/section loop. */
  readonly inLoop: boolean;
  /** A visible bound caps the fill (slice, truncate filter, `|first`, `limit`/`max_*`/`last_n`/`top_k`/`recent` names, summaries). */
  readonly bounded: boolean;
  /** Number of items the bound keeps, when it says (`history[-6:]` → 6, `|first` → 1). */
  readonly boundCount?: number;
  /** The expression renders a scalar (`| length`, `len(x)`, `x.length`, `| int`): a few tokens whatever the name. */
  readonly scalar?: boolean;
}

/** Where a variable's estimate came from, most specific first. */
export type EstimateSource = 'inline' | 'glob' | 'settings' | 'name-default' | 'default';

export interface EstimatedVariable {
  /** Root variable (or partial) name. */
  readonly name: string;
  /** Tokens this variable adds to one request: per-render size × renders, loop factor applied. */
  readonly estimatedTokens: number;
  /** Tokens of one render before loop factor and repetition. */
  readonly tokensPerRender: number;
  readonly source: EstimateSource;
  /** Every rendered occurrence has a visible bound. */
  readonly bounded: boolean;
  /** Some occurrence is inside a loop. */
  readonly inLoop: boolean;
  /** Rendered occurrences (conditions and locals excluded). */
  readonly occurrences: number;
  /** The loop factor applied to occurrences inside loops. */
  readonly loopFactor: number;
  /** The default-table category that matched the name, e.g. 'conversation', 'retrieval'; undefined when none did. */
  readonly category?: string;
  /** Rendered occurrences, offsets in the prompt text. */
  readonly slots: readonly TemplateSlot[];
}

/** A `prompt-cost: …` comment next to (or inside) a prompt. */
export interface InlineAnnotation {
  /** Token estimates per variable name, e.g. `context=1500`. */
  readonly variables: Readonly<Record<string, number>>;
  readonly outputTokens?: number;
  readonly requestsPerDay?: number;
  readonly model?: string;
  /** `loop=N`: loop factor for variables inside loops. */
  readonly loopFactor?: number;
  /** `ignore=<rule-id>` (repeatable; `ignore=all` for every rule): waste rules not run for this prompt. */
  readonly ignore?: readonly string[];
  /** Offsets of the comment (the one nearest the prompt when several are merged) in the document text. */
  readonly range: { readonly startOffset: number; readonly endOffset: number };
  /** Keys not understood (e.g. `context=lots`), for a warning. */
  readonly invalid: readonly string[];
}
