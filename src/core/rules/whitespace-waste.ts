/** whitespace-waste: common indentation, runs of blank lines and trailing blanks inside prompt text. */
import type { Finding, Rule, RuleContext } from './types';
import { applyTextEdits, lineSpans, locate, makeFinding, mapEdits, monthly, savingsText, type TextSpanEdit } from './util';

/** A run of this many blank lines (or more) is collapsed to one. */
export const BLANK_RUN = 3;
/** Below this many tokens saved the rule stays silent. */
export const MIN_WHITESPACE_SAVINGS = 3;

/**
 * Edits that normalise `text`: remove the indentation common to every non-blank line (for code-embedded prompts the
 * first line is left out, as `inspect.cleandoc` does, since it starts right after the quote), trailing blanks, and
 * collapse runs of BLANK_RUN+ blank lines into one. Fenced code blocks keep their trailing blanks.
 */
export function whitespaceEdits(text: string, embedded: boolean): TextSpanEdit[] & { kinds?: Set<string> } {
  const spans = lineSpans(text);
  const lines = spans.map(([s, e]) => text.slice(s, e));
  const blank = (k: number) => /^[ \t\r]*$/.test(lines[k]);
  const from = embedded && spans.length > 1 && !blank(0) ? 1 : 0;
  let common: string | undefined;
  for (let k = from; k < lines.length; k++) {
    if (blank(k)) continue;
    const ind = /^[ \t]*/.exec(lines[k])![0];
    if (common === undefined) common = ind;
    else {
      let i = 0;
      while (i < common.length && i < ind.length && common[i] === ind[i]) i++;
      common = common.slice(0, i);
    }
    if (common === '') break;
  }
  const dedent = common ?? '';
  const edits: TextSpanEdit[] & { kinds?: Set<string> } = [];
  const kinds = new Set<string>();
  edits.kinds = kinds;
  let k = 0;
  while (k < lines.length) {
    if (blank(k)) {
      let j = k;
      while (j < lines.length && blank(j)) j++;
      const inside = k > 0 && j < lines.length; // leading/trailing blank lines were trimmed by discovery
      if (inside && j - k >= BLANK_RUN) {
        edits.push({ start: spans[k][0], end: spans[j][0], newText: '\n' });
        kinds.add(`runs of ${BLANK_RUN}+ blank lines`);
      } else {
        for (let b = k; b < j; b++) if (spans[b][1] > spans[b][0]) {
          const cr = lines[b].endsWith('\r') ? 1 : 0;
          if (spans[b][1] - cr > spans[b][0]) { edits.push({ start: spans[b][0], end: spans[b][1] - cr, newText: '' }); kinds.add('trailing blanks'); }
        }
      }
      k = j;
      continue;
    }
    const [s, e] = spans[k];
    if (k >= from && dedent.length) { edits.push({ start: s, end: s + dedent.length, newText: '' }); kinds.add('common indentation'); }
    const trail = /[ \t]+\r?$/.exec(lines[k]);
    if (trail) {
      const cr = lines[k].endsWith('\r') ? 1 : 0;
      const ts = e - trail[0].length;
      if (ts > s + (k >= from ? dedent.length : 0) && e - cr > ts) { edits.push({ start: ts, end: e - cr, newText: '' }); kinds.add('trailing blanks'); }
    }
    k++;
  }
  return edits;
}

export const whitespaceWaste: Rule = {
  id: 'whitespace-waste',
  title: 'Indentation and blank lines sent as tokens',
  defaultSeverity: 'info',
  docs: 'docs/rules/whitespace-waste.md',
  check(ctx: RuleContext): Finding[] {
    const text = ctx.prompt.text;
    const embedded = ctx.prompt.kind === 'embedded';
    const edits = whitespaceEdits(text, embedded);
    if (edits.length === 0) return [];
    const saved = ctx.count(text) - ctx.count(applyTextEdits(text, edits));
    if (saved < MIN_WHITESPACE_SAVINGS) return [];
    const docEdits = mapEdits(ctx, edits);
    const lang = ctx.prompt.format.toLowerCase();
    const hint = embedded
      ? /py/.test(lang)
        ? ' (or wrap the literal in textwrap.dedent(...))'
        : /ts|js|typescript|javascript/.test(lang) ? ' (or build it with a dedent helper)' : ''
      : '';
    const what = [...(edits.kinds ?? [])].sort();
    const [st, en] = docEdits ? [docEdits[0].startOffset, docEdits[0].endOffset] : locate(ctx, edits[0].start, edits[0].end);
    return [makeFinding(whitespaceWaste, {
      message: `Whitespace (${what.join(', ')}) costs ${savingsText(ctx, saved)}. Dedent and normalise the text${hint}.`,
      startOffset: st, endOffset: en,
      savingsTokens: saved, savingsMonthlyUSD: monthly(ctx, saved),
      fixes: docEdits ? [{ title: 'Remove common indentation, trailing blanks and extra blank lines', edits: docEdits }] : [],
    })];
  },
};
