/** verbose-filler: phrases that cost tokens and carry nothing, each with a shorter replacement. */
import { findExamples } from './examples';
import type { Finding, Rule, RuleContext } from './types';
import { lineSpans, locate, makeFinding, mapEdits, monthly, savingsText, slotsOf } from './util';

/**
 * The curated list: phrase (regular expression source, matched case-insensitively on word boundaries) → replacement.
 * `start`: only where it opens a sentence, clause (after a comma) or list item (mid-sentence, deleting it would break the sentence:
 * "users remember that …", "because it is important to …").
 */
export const FILLER_PHRASES: readonly { phrase: string; replacement: string; start?: boolean }[] = [
  { phrase: 'please note that', replacement: '', start: true },
  { phrase: 'it is (?:very |really |extremely )?important (?:to note )?that you', replacement: '', start: true },
  { phrase: 'it is (?:very |really |extremely )?important to note that', replacement: '', start: true },
  { phrase: 'it is (?:very |really |extremely )?important to', replacement: '', start: true },
  { phrase: 'it should be noted that', replacement: '', start: true },
  { phrase: 'i want you to', replacement: '', start: true },
  { phrase: 'i would like you to', replacement: '', start: true },
  { phrase: 'i need you to', replacement: '', start: true },
  { phrase: 'you are required to', replacement: '', start: true },
  { phrase: 'as an ai language model,?', replacement: '' },
  { phrase: 'please make sure (?:to|that you)', replacement: '', start: true },
  { phrase: 'make sure (?:to|that you)', replacement: '', start: true },
  { phrase: 'remember (?:to|that)', replacement: '', start: true },
  { phrase: 'in order to', replacement: 'to' },
  { phrase: 'very very', replacement: 'very' },
  { phrase: 'please kindly', replacement: 'please' },
  { phrase: 'basically,?', replacement: '' },
  { phrase: 'at the end of the day,?', replacement: '' },
  { phrase: 'needless to say,?', replacement: '' },
  { phrase: 'as (?:previously|already) mentioned,?', replacement: '' },
  { phrase: 'due to the fact that', replacement: 'because' },
  { phrase: 'in spite of the fact that', replacement: 'although' },
  { phrase: 'in the event that', replacement: 'if' },
  { phrase: 'for the purpose of', replacement: 'for' },
  { phrase: 'at this point in time', replacement: 'now' },
  { phrase: 'with regards? to', replacement: 'about' },
  { phrase: 'a large number of', replacement: 'many' },
  { phrase: 'the vast majority of', replacement: 'most' },
  { phrase: 'each and every', replacement: 'every' },
  { phrase: 'first and foremost,?', replacement: 'first,' },
  { phrase: 'in a timely manner', replacement: 'promptly' },
  { phrase: 'has the ability to', replacement: 'can' },
  { phrase: 'is able to', replacement: 'can' },
];

const PATTERN = new RegExp(`(?<![\\w'-])(?:${FILLER_PHRASES.map((p) => `(${p.phrase})`).join('|')})(?![\\w'-])[ \\t]?`, 'gi');

/** Ranges of the text where filler is content, not instruction: quotes, code, block quotes, examples, template slots. */
function protectedRanges(text: string, ctx: RuleContext): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/```[\s\S]*?(?:```|$)|`[^`\n]*`|"[^"\n]*"|“[^”\n]*”|«[^»\n]*»/g)) out.push([m.index, m.index + m[0].length]);
  for (const [s, e] of lineSpans(text)) if (/^\s*>/.test(text.slice(s, e))) out.push([s, e]);
  const slots = slotsOf(ctx);
  for (const s of slots) out.push([s.start, s.end]);
  for (const ex of findExamples(text, slots)?.examples ?? []) out.push([ex.start, ex.contentEnd]);
  return out;
}

const sentenceStart = (text: string, at: number) => /(^|[.!?:;]\s*|\n\s*(?:[-*+]\s+|\d+[.)]\s+)?|^\s*(?:[-*+]\s+|\d+[.)]\s+))$/.test(text.slice(Math.max(0, at - 12), at));

export const verboseFiller: Rule = {
  id: 'verbose-filler',
  title: 'Filler phrases that cost tokens and add nothing',
  defaultSeverity: 'hint',
  docs: 'docs/rules/verbose-filler.md',
  check(ctx: RuleContext): Finding[] {
    const text = ctx.prompt.text;
    PATTERN.lastIndex = 0;
    const matches = [...text.matchAll(PATTERN)];
    if (matches.length === 0) return [];
    const prot = protectedRanges(text, ctx);
    const out: Finding[] = [];
    for (const m of matches) {
      const start = m.index;
      let end = start + m[0].length;
      if (prot.some(([a, b]) => start < b && end > a)) continue;
      const k = m.slice(1).findIndex((g) => g !== undefined);
      const { replacement, start: startOnly } = FILLER_PHRASES[k];
      const matched = m[k + 1];
      const opens = sentenceStart(text, start);
      if (startOnly && !opens && !/,[ \t]*$/.test(text.slice(Math.max(0, start - 4), start))) continue;
      let newText: string;
      if (replacement) {
        newText = (/^[A-Z]/.test(matched) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement) + (m[0].endsWith(' ') || m[0].endsWith('\t') ? ' ' : '');
      } else {
        newText = '';
        // deleting a sentence opener: capitalise the next word
        if (opens && /[a-z]/.test(text[end] ?? '')) {
          newText = text[end].toUpperCase();
          end++;
        }
      }
      const ls = text.lastIndexOf('\n', start - 1) + 1;
      const le = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
      const line = text.slice(ls, le);
      const fixed = text.slice(ls, start) + newText + text.slice(end, le);
      const saved = ctx.count(line) - ctx.count(fixed);
      if (saved <= 0) continue;
      const edits = mapEdits(ctx, [{ start, end, newText }]);
      const [s, e] = locate(ctx, start, start + matched.length);
      out.push(makeFinding(verboseFiller, {
        message: `"${matched}" adds nothing: ${replacement ? `write "${replacement}"` : 'drop it'} — saves ${savingsText(ctx, saved)}.`,
        startOffset: s, endOffset: e, savingsTokens: saved, savingsMonthlyUSD: monthly(ctx, saved),
        fixes: edits ? [{ title: replacement ? `Replace with "${replacement}"` : `Remove "${matched}"`, edits }] : [],
      }));
    }
    return out;
  },
};
