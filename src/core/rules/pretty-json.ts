/** pretty-json: indented JSON examples that could be sent compact. */
import type { Finding, Rule, RuleContext } from './types';
import { locate, makeFinding, mapEdits, monthly, savingsText, slotsOf } from './util';

/** Below this many tokens saved the rule stays silent. */
export const MIN_JSON_SAVINGS = 3;
const MAX_JSON_CHARS = 50_000;
const MAX_ATTEMPTS = 500;

/** End (exclusive) of the balanced JSON value opening at `open`, strings respected; -1 when unbalanced. */
function balancedEnd(text: string, open: number): number {
  const stack: string[] = [];
  const lim = Math.min(text.length, open + MAX_JSON_CHARS);
  for (let i = open; i < lim; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < lim && text[i] !== '"') {
        if (text[i] === '\n') return -1;
        i += text[i] === '\\' ? 2 : 1;
      }
      continue;
    }
    if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** JSON with the whitespace outside strings removed (numbers, escapes and key order kept as written). */
export function compactJson(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

const TEMPLATE_LOOKING = /\{\{|\}\}|\{%|\$\{|<%|\{#/;

export const prettyJson: Rule = {
  id: 'pretty-json',
  title: 'Pretty-printed JSON that could be compact',
  defaultSeverity: 'info',
  docs: 'docs/rules/pretty-json.md',
  check(ctx: RuleContext): Finding[] {
    const text = ctx.prompt.text;
    if (!/[{[][ \t]*\r?\n/.test(text)) return [];
    const slots = slotsOf(ctx);
    const out: Finding[] = [];
    let from = 0;
    let attempts = 0;
    for (let i = 0; i < text.length && attempts < MAX_ATTEMPTS; i++) {
      const c = text[i];
      if ((c !== '{' && c !== '[') || i < from) continue;
      // a value opening a line, or ending one (`Output: {` / `"items": [`)
      const before = text.slice(text.lastIndexOf('\n', i - 1) + 1, i);
      const after = /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 4));
      if (before.trim() !== '' && !after) continue;
      attempts++;
      const end = balancedEnd(text, i);
      if (end < 0) continue;
      if (text[i - 1] === '{' || text[end] === '}') continue; // doubled braces: an f-string escape or template markup
      const json = text.slice(i, end);
      if (!/\n[ \t]+\S/.test(json) || TEMPLATE_LOOKING.test(json)) continue;
      if (slots.some((s) => s.start < end && s.end > i)) continue;
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch {
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      const compact = compactJson(json);
      const saved = ctx.count(json) - ctx.count(compact);
      from = end;
      if (saved < MIN_JSON_SAVINGS) continue;
      const edits = mapEdits(ctx, [{ start: i, end, newText: compact }]);
      const [s, e] = locate(ctx, i, end);
      out.push(makeFinding(prettyJson, {
        message: `Indented JSON (${json.split('\n').length} lines) costs ${savingsText(ctx, saved)} more than compact JSON; models read it the same.`,
        startOffset: s, endOffset: e, savingsTokens: saved, savingsMonthlyUSD: monthly(ctx, saved),
        fixes: edits ? [{ title: 'Compact the JSON', edits }] : [],
      }));
    }
    return out;
  },
};
