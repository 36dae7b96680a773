/** Finding template slots in a prompt text, auto-detecting the syntax, and the text without them. */
import { findBraceSlots } from './braces';
import { findDollarSlots, findFStringSlots } from './single';
import type { SlotKind, TemplateSlot, TemplateSyntax } from './types';

const VAR_DOUBLE = /\{\{-?\s*[A-Za-z_][\w.]*(?:\[[^\]\n]*\])*\s*(?:\|[^{}\n]*)?-?\}\}/g;
const SINGLE = /(?<![{$\\])\{[A-Za-z_]\w*(?:\.\w+|\[[^\]\n]*\])*(?:![rsa])?(?::[^{}\s]*)?\}(?!\})/g;
const DOLLAR = /(?<!\\)\$\{[^}\n]+\}/g;
const count = (re: RegExp, s: string) => (s.match(re) ?? []).length;

/**
 * Picks the syntax that fits `text`:
 * `{{$x}}` → sk; `{% … %}` / `{# … #}` or a `{{ x | filter }}`, `{{ x[…] }}`, `{{ f(x) }}` → jinja; `{{#…}}`, `{{/…}}`, `{{> …}}`, `{{{x}}}`, `{{else}}` →
 * handlebars; `{{ .Name }}` / `{{ range … }}` / `{{ end }}` → go-template; other `{{x}}` pairs → mustache — unless
 * single-brace `{x}` fields outnumber them (an f-string with `{{`/`}}` escapes, e.g. JSON examples) → fstring;
 * only `${x}` → js-template; nothing → none. Markup inside code fences and inline code does not count.
 */
export function detectSyntax(source: string): TemplateSyntax {
  // markup shown inside code (fenced blocks, inline code) does not decide the syntax
  const text = source.replace(/```[\s\S]*?(?:```|$)|`[^`\n]*`/g, (m) => ' '.repeat(m.length));
  if (/\{\{\s*\$[A-Za-z_]/.test(text)) return 'sk';
  if (/\{%[-+]?\s*[a-z]+\b[^%]*%\}|\{#[\s\S]{0,2000}?#\}/.test(text)) return 'jinja';
  const doubles = count(VAR_DOUBLE, text);
  const singles = count(SINGLE, text);
  const dollars = count(DOLLAR, text);
  const hbMarks = /\{\{[~]?[#/>^!&]|\{\{\{\s*[A-Za-z_]|\{\{~?\s*else\s*~?\}\}/.test(text);
  const goMarks = /\{\{-?\s*(\.[A-Z]|\$\.|range\s|end\s*-?\}\}|template\s+")/.test(text);
  if ((doubles > 0 || hbMarks || goMarks) && (singles === 0 || doubles >= singles)) {
    if (goMarks) return 'go-template';
    if (hbMarks) return 'handlebars';
    if (/\{\{[^{}\n]*(\||\[|\(|\s(and|or|not|if|~)\s)[^{}\n]*\}\}/.test(text)) return 'jinja';
    return 'mustache';
  }
  if (singles > 0) return dollars > singles ? 'js-template' : 'fstring';
  if (dollars > 0) return 'js-template';
  if (doubles > 0) return 'mustache';
  return 'none';
}

/** Template markup in `text` (variables, loops, conditions, helpers, partials, comments), in text order. */
export function findSlots(text: string, syntax?: TemplateSyntax): TemplateSlot[] {
  const s = syntax ?? detectSyntax(text);
  let out: TemplateSlot[];
  switch (s) {
    case 'fstring': case 'format': out = findFStringSlots(text, s); break;
    case 'js-template': out = findDollarSlots(text, s); break;
    case 'jinja': case 'mustache': case 'handlebars': case 'sk': case 'go-template': out = findBraceSlots(text, s); break;
    default: out = [];
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

const RENDERED: ReadonlySet<SlotKind> = new Set(['variable', 'iterable', 'partial']);
/** Slots whose fill is sent to the model and must be estimated (variables, loop collections, partials). */
export const isRendered = (s: TemplateSlot) => RENDERED.has(s.kind);

/** Merged [start, end) ranges covered by slots, sorted. */
export function slotRanges(slots: readonly TemplateSlot[]): [number, number][] {
  const rs = slots.map((s) => [s.start, s.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * `text` with every slot's markup removed: the part whose tokens can be counted exactly. For f-string / format
 * templates (`syntax`, else the slots' syntax) the `{{` / `}}` escapes are sent as `{` / `}`.
 */
export function staticText(text: string, slots: readonly TemplateSlot[], syntax?: TemplateSyntax): string {
  const s = syntax ?? slots[0]?.syntax;
  const unescape = s === 'fstring' || s === 'format' ? (t: string) => t.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : (t: string) => t;
  let out = '';
  let at = 0;
  for (const [a0, e] of slotRanges(slots)) {
    const a = Math.max(at, Math.min(text.length, a0));
    out += unescape(text.slice(at, a));
    at = Math.max(at, Math.min(text.length, e));
  }
  return out + unescape(text.slice(at));
}
