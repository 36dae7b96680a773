/** The duplicate-boilerplate rule as first written (text keys per word position), the reference of the property test. */
import type { DetectedPrompt } from '../../../src/core/discovery/types';
import type { Finding, RelatedLocation, Rule, RuleContext } from '../../../src/core/rules/types';
import { formatInt, formatUSD, locate, makeFinding, monthly } from '../../../src/core/rules/util';

/** A shared passage must have at least this many tokens. */
const MIN_DUPLICATE_TOKENS = 50;
/** Words per shingle: two prompts must share this many consecutive words (whitespace-normalised) to start a match. */
const SHINGLE_WORDS = 12;

interface Words { w: string[]; at: [number, number][] }

function wordsOf(text: string): Words {
  const w: string[] = [];
  const at: [number, number][] = [];
  for (const m of text.matchAll(/\S+/g)) {
    w.push(m[0]);
    at.push([m.index, m.index + m[0].length]);
  }
  return { w, at };
}

interface Indexed { path: string; prompt: DetectedPrompt; words: Words }
interface Index { size: number; prompts: Indexed[]; shingles: Map<string, { p: number; i: number }[]> }

const cache = new WeakMap<object, Index>();

/** Shingle index of the workspace prompts, built once per `workspacePrompts` array (rebuilt when its length changes). */
function indexOf(list: NonNullable<RuleContext['workspacePrompts']>): Index {
  let idx = cache.get(list);
  if (idx && idx.size === list.length) return idx;
  const prompts = list.map((x) => ({ path: x.path, prompt: x.prompt, words: wordsOf(x.prompt.text) }));
  const shingles = new Map<string, { p: number; i: number }[]>();
  prompts.forEach((x, p) => {
    const w = x.words.w;
    for (let i = 0; i + SHINGLE_WORDS <= w.length; i += 1) {
      const key = w.slice(i, i + SHINGLE_WORDS).join(' ');
      const l = shingles.get(key);
      if (!l) shingles.set(key, [{ p, i }]);
      else if (l.length < 16 && l[l.length - 1].p !== p) l.push({ p, i });
    }
  });
  idx = { size: list.length, prompts, shingles };
  cache.set(list, idx);
  return idx;
}

const same = (a: { path: string; prompt: DetectedPrompt }, path: string, p: DetectedPrompt) =>
  a.prompt === p || (a.path === path && a.prompt.startOffset === p.startOffset && a.prompt.endOffset === p.endOffset);

export const duplicateBoilerplateRef: Rule = {
  id: 'duplicate-boilerplate',
  title: 'The same passage is sent by several prompts',
  defaultSeverity: 'info',
  docs: 'docs/rules/duplicate-boilerplate.md',
  check(ctx: RuleContext): Finding[] {
    const list = ctx.workspacePrompts;
    if (!list || list.length < 2) return [];
    const idx = indexOf(list);
    const mine = wordsOf(ctx.prompt.text);
    const w = mine.w;
    const out: Finding[] = [];
    let i = 0;
    while (i + SHINGLE_WORDS <= w.length) {
      const hits = (idx.shingles.get(w.slice(i, i + SHINGLE_WORDS).join(' ')) ?? []).filter((h) => !same(idx.prompts[h.p], ctx.path, ctx.prompt));
      if (hits.length === 0) { i++; continue; }
      // extend the match with each other prompt; keep the longest
      let len = 0;
      const others: { p: number; i: number; len: number }[] = [];
      for (const h of hits) {
        const ow = idx.prompts[h.p].words.w;
        let l = 0;
        while (i + l < w.length && h.i + l < ow.length && w[i + l] === ow[h.i + l]) l++;
        others.push({ ...h, len: l });
        len = Math.max(len, l);
      }
      const s = mine.at[i][0];
      const e = mine.at[i + len - 1][1];
      const passage = ctx.prompt.text.slice(s, e);
      const tokens = ctx.count(passage);
      if (tokens < MIN_DUPLICATE_TOKENS) { i++; continue; }
      const related: RelatedLocation[] = others.map((o) => {
        const x = idx.prompts[o.p];
        const a = x.words.at[o.i][0];
        const b = x.words.at[Math.min(x.words.at.length - 1, o.i + o.len - 1)][1];
        // offsets in that document: exact when its text looks verbatim there (same length); else its prompt range
        const verbatim = x.prompt.text.length === x.prompt.endOffset - x.prompt.startOffset;
        return {
          path: x.path,
          startOffset: verbatim ? x.prompt.startOffset + a : x.prompt.startOffset,
          endOffset: verbatim ? x.prompt.startOffset + b : x.prompt.endOffset,
          message: `same passage (${o.len} words) in ${x.prompt.name || x.path}`,
        };
      });
      const copies = new Set(others.map((o) => idx.prompts[o.p].path + '#' + idx.prompts[o.p].prompt.startOffset)).size;
      const costHere = monthly(ctx, tokens);
      const cacheSave = ctx.cache ? costHere * Math.max(0, Math.min(1, ctx.cache.cachedInputDiscount)) : 0;
      const where = [...new Set(others.map((o) => idx.prompts[o.p].path))].slice(0, 3).join(', ');
      const [ls, le] = locate(ctx, s, e);
      out.push(makeFinding(duplicateBoilerplateRef, {
        message:
          `This ${formatInt(tokens)}-token passage also appears in ${copies} other prompt${copies > 1 ? 's' : ''} (${where})` +
          (costHere > 0 ? `; here it costs ${formatUSD(costHere)}/month` : '') +
          `. Keep one source and send it as a shared, cached prefix` +
          (cacheSave > 0 ? ` (cached reads save ${formatUSD(cacheSave)}/month here)` : '') + '.',
        startOffset: ls, endOffset: le,
        savingsTokens: ctx.cache ? tokens * Math.max(0, Math.min(1, ctx.cache.cachedInputDiscount)) : 0,
        savingsMonthlyUSD: cacheSave, related,
      }));
      i += len;
    }
    return out;
  },
};
