/** duplicate-boilerplate: the same long passage in several prompts of the workspace. */
import type { DetectedPrompt } from '../discovery/types';
import type { Finding, RelatedLocation, Rule, RuleContext } from './types';
import { formatInt, formatUSD, locate, makeFinding, monthly } from './util';

/** A shared passage must have at least this many tokens. */
export const MIN_DUPLICATE_TOKENS = 50;
/** Words per shingle: two prompts must share this many consecutive words (whitespace-normalised) to start a match. */
export const SHINGLE_WORDS = 12;

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

interface Indexed { path: string; prompt: DetectedPrompt; words: Words; ids: Int32Array }
/**
 * The prompts that hold one shingle (SHINGLE_WORDS words in a row), as {prompt, word index}: at most 16, at most one
 * per run of the same prompt; `p`/`i` of the first say which words the shingle is.
 */
type Holders = { p: number; i: number }[];
interface Index {
  size: number;
  prompts: Indexed[];
  /** Word -> id, over every word of the workspace's prompts. */
  wordIds: Map<string, number>;
  /** Shingles by their hash (shingleHashes), each bucket listing the distinct shingles that have that hash. */
  shingles: Map<number, Holders[]>;
  byPrompt: Map<DetectedPrompt, number>;
}

const cache = new WeakMap<object, Index>();

/** Ids of `w` (words unknown to the index are -1: no shingle holding one can match). */
function idsOf(w: readonly string[], wordIds: Map<string, number>, add: boolean): Int32Array {
  const ids = new Int32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    let id = wordIds.get(w[i]);
    if (id === undefined) {
      if (!add) { ids[i] = -1; continue; }
      id = wordIds.size;
      wordIds.set(w[i], id);
    }
    ids[i] = id;
  }
  return ids;
}

/** Bits of a shingle hash that are kept: all of them, except in a test that makes hashes collide on purpose. */
export const hashing = { mask: -1 };

/** A hash of each run of SHINGLE_WORDS ids (index i: ids[i .. i + SHINGLE_WORDS)), rolling, mod 2^32. */
function shingleHashes(ids: Int32Array): Int32Array {
  const n = ids.length - SHINGLE_WORDS + 1;
  const out = new Int32Array(Math.max(0, n));
  if (n <= 0) return out;
  const B = 0x01000193;
  let top = 1; // B^(SHINGLE_WORDS - 1)
  for (let k = 1; k < SHINGLE_WORDS; k++) top = Math.imul(top, B);
  let h = 0;
  for (let k = 0; k < SHINGLE_WORDS; k++) h = (Math.imul(h, B) + ids[k] + 1) | 0;
  const mask = hashing.mask;
  out[0] = h & mask;
  for (let i = 1; i < n; i++) {
    h = (Math.imul((h - Math.imul(ids[i - 1] + 1, top)) | 0, B) + ids[i + SHINGLE_WORDS - 1] + 1) | 0;
    out[i] = h & mask;
  }
  return out;
}

/** True when the shingles at a[i..] and b[j..] are the same words. */
function sameShingle(a: Int32Array, i: number, b: Int32Array, j: number): boolean {
  for (let k = 0; k < SHINGLE_WORDS; k++) if (a[i + k] !== b[j + k] || a[i + k] < 0) return false;
  return true;
}

/** The holders of the shingle at ids[i..], or undefined. */
function holdersOf(idx: Index, bucket: Holders[] | undefined, ids: Int32Array, i: number): Holders | undefined {
  if (bucket === undefined) return undefined;
  for (const l of bucket) if (sameShingle(idx.prompts[l[0].p].ids, l[0].i, ids, i)) return l;
  return undefined;
}

/**
 * Shingle index of the workspace prompts, built once per `workspacePrompts` array (rebuilt when its length changes).
 * Shingles are looked up by a hash of their word ids and then compared word by word, so the holders of a shingle are
 * exactly those of the text key `words.join(' ')` (words hold no white space): the same matches, without building a
 * string per word position.
 */
function indexOf(list: NonNullable<RuleContext['workspacePrompts']>): Index {
  let idx = cache.get(list);
  if (idx && idx.size === list.length) return idx;
  const wordIds = new Map<string, number>();
  const prompts: Indexed[] = list.map((x) => {
    const words = wordsOf(x.prompt.text);
    return { path: x.path, prompt: x.prompt, words, ids: idsOf(words.w, wordIds, true) };
  });
  const byPrompt = new Map<DetectedPrompt, number>();
  idx = { size: list.length, prompts, wordIds, shingles: new Map(), byPrompt };
  const shingles = idx.shingles;
  prompts.forEach((x, p) => {
    if (!byPrompt.has(x.prompt)) byPrompt.set(x.prompt, p);
    const hs = shingleHashes(x.ids);
    for (let i = 0; i < hs.length; i++) {
      let bucket = shingles.get(hs[i]);
      const l = holdersOf(idx!, bucket, x.ids, i);
      if (!l) {
        if (!bucket) shingles.set(hs[i], (bucket = []));
        bucket.push([{ p, i }]);
      } else if (l.length < 16 && l[l.length - 1].p !== p) l.push({ p, i });
    }
  });
  cache.set(list, idx);
  return idx;
}

const same = (a: { path: string; prompt: DetectedPrompt }, path: string, p: DetectedPrompt) =>
  a.prompt === p || (a.path === path && a.prompt.startOffset === p.startOffset && a.prompt.endOffset === p.endOffset);

export const duplicateBoilerplate: Rule = {
  id: 'duplicate-boilerplate',
  title: 'The same passage is sent by several prompts',
  defaultSeverity: 'info',
  docs: 'docs/rules/duplicate-boilerplate.md',
  workspace: true,
  check(ctx: RuleContext): Finding[] {
    const list = ctx.workspacePrompts;
    if (!list || list.length < 2) return [];
    const idx = indexOf(list);
    // this prompt's words, from the index when it is one of the workspace's prompts
    const p0 = idx.byPrompt.get(ctx.prompt);
    const mine = p0 !== undefined ? idx.prompts[p0].words : wordsOf(ctx.prompt.text);
    const ids = p0 !== undefined ? idx.prompts[p0].ids : idsOf(mine.w, idx.wordIds, false);
    const hs = shingleHashes(ids);
    const w = mine.w;
    const out: Finding[] = [];
    let i = 0;
    while (i + SHINGLE_WORDS <= w.length) {
      const hits = (holdersOf(idx, idx.shingles.get(hs[i]), ids, i) ?? []).filter((h) => !same(idx.prompts[h.p], ctx.path, ctx.prompt));
      if (hits.length === 0) { i++; continue; }
      // extend the match with each other prompt; keep the longest
      let len = 0;
      const others: { p: number; i: number; len: number }[] = [];
      for (const h of hits) {
        // (ids are equal exactly when the words are; an id of -1, a word the index does not know, matches none)
        const oids = idx.prompts[h.p].ids;
        let l = 0;
        while (i + l < ids.length && h.i + l < oids.length && ids[i + l] === oids[h.i + l] && ids[i + l] >= 0) l++;
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
      out.push(makeFinding(duplicateBoilerplate, {
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
