/**
 * What an opening bracket is: the callee of a call (`client.chat.completions.create(`, `new Foo<T>(`, `@SystemMessage(`)
 * and whether a brace opens an object, dict or composite literal (with its Go/Kotlin type) or a code block.
 */
import type { CodeContext } from './context';
import { K, WordSet, wordSet } from './tokens';
import { FN_KEYWORDS, NOT_CALL } from './vocab';

export type Callee = { name: string; start: number; keyword?: string };
export type Brace = { type?: string; start: number };

/** What comes before an object brace (the rest are code blocks): in JavaScript/TypeScript, Java/Kotlin, Go (also `T{`). */
const OBJECT_AFTER_JS = new Set(['=', '(', ',', ':', '[', 'return', '?', '??', '||', '&&', '...', 'yield', 'await']);
const OBJECT_AFTER_JVM = new Set([']', '=', ',', '{']);
const OBJECT_AFTER_GO = new Set([',', '{', ':']);
const OBJECT_AFTER_JS_WORDS = wordSet(OBJECT_AFTER_JS);
const OBJECT_AFTER_JVM_WORDS = wordSet(OBJECT_AFTER_JVM);
const OBJECT_AFTER_GO_WORDS = wordSet(OBJECT_AFTER_GO);
const GO_TYPE_PUNCT = new Set(['.', '*', '[', ']', '&']);
const GO_NOT_TYPE_LEAD = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '!']);
const GO_BLOCK_WORDS = wordSet(['if', 'for', 'else', 'switch', 'range', 'select', 'func', 'struct', 'interface', 'go', 'defer']);
const NOT_CALL_WORDS = wordSet(NOT_CALL);
/** Keywords right before a callee that calleeAt() records. */
const CALL_KEYWORDS = wordSet(['new', 'raise', 'throw', ...FN_KEYWORDS]);

/** The token before the `(` at `open`, skipping generic arguments (`foo<T>(…)`): where a callee would end. */
function calleeEnd(ctx: CodeContext, open: number): number {
  const { T } = ctx;
  let j = open - 1;
  // (`>` and `<` are operators: no identifier is sliced to compare it)
  if (T.kc(j) === K.Op && T.v(j) === '>') {
    let k = j;
    for (let n = 0; n < 20 && k > 0 && ctx.v(k) !== '<'; n++) k--;
    if (ctx.v(k) === '<') j = k - 1;
  }
  return j;
}

/**
 * Where the callee of the call whose `(` is at `open` ends: its last identifier, or the `)`/`]`/`}` of `f()(…)`;
 * -1 when the bracket is no call.
 */
export function calleeLast(ctx: CodeContext, open: number): number {
  const { T } = ctx;
  const j = calleeEnd(ctx, open);
  const tk = T.kc(j);
  if (tk === K.Close) return j;
  return tk === K.Id && !T.wordIn(j, NOT_CALL_WORDS) ? j : -1;
}

/** First identifier of the dotted chain (`a.b`, `a?.b`, `a::b`) that ends with the identifier at `last`. */
export function chainStart(ctx: CodeContext, last: number): number {
  const { T } = ctx;
  let j = last;
  // (a `.`, `?.` or `::` is an operator token)
  while (j >= 2 && T.kk[j - 2] === K.Id && T.kk[j - 1] === K.Op) {
    const v = T.v(j - 1);
    if (v !== '.' && v !== '?.' && v !== '::') break;
    j -= 2;
  }
  return j;
}

/** True when the token at `k` is a keyword calleeAt() records before a callee (`@` is an operator, the others identifiers, compared without slicing). */
function isCallKeyword(ctx: CodeContext, k: number): boolean {
  const { T } = ctx;
  const kk = T.kc(k);
  return (kk === K.Op && T.v(k) === '@') || (kk === K.Id && T.wordIn(k, CALL_KEYWORDS));
}

/** Callee of the call whose `(` is at `open` (computed once per call: frameOf() remembers the frame). */
export function calleeAt(ctx: CodeContext, open: number): Callee | undefined {
  const { T } = ctx;
  const last = calleeLast(ctx, open);
  if (last < 0) return undefined;
  if (T.kk[last] === K.Close) return { name: '?', start: last };
  let j = chainStart(ctx, last);
  // the chain's identifiers joined with dots, left to right
  let name = T.v(j)!;
  for (let q = j + 2; q <= last; q += 2) name += '.' + T.v(q);
  let keyword: string | undefined;
  if (isCallKeyword(ctx, j - 1)) {
    const kw = T.v(j - 1)!;
    keyword = kw;
    if (kw === 'new' || kw === '@') j--;
  }
  return { name, start: j, keyword };
}

/** calleeAt(ctx, open)!.start for a callee chain that ends with an identifier and starts at `first`, without its name. */
export function calleeStartFrom(ctx: CodeContext, first: number): number {
  const { T } = ctx;
  // (`new` and `@` belong to the callee; `def`, `raise`… are only recorded)
  return T.isWord(first - 1, 'new') || (T.kc(first - 1) === K.Op && T.v(first - 1) === '@') ? first - 1 : first;
}

/** Object/dict/composite literal braces (vs code blocks), with the Go/Kotlin type name before them. */
export function objectBraceAt(ctx: CodeContext, open: number): Brace | undefined {
  const { T, lang } = ctx;
  if (lang === 'python') return { start: open };
  if (lang === 'typescript' || lang === 'javascript') return prevIn(ctx, open - 1, OBJECT_AFTER_JS, OBJECT_AFTER_JS_WORDS) ? { start: open } : undefined;
  if (lang === 'java' || lang === 'kotlin') return prevIn(ctx, open - 1, OBJECT_AFTER_JVM, OBJECT_AFTER_JVM_WORDS) ? { start: open } : undefined;
  // Go: composite literal `T{`, `pkg.T{`, `[]T{`, `&T{`, or an elided type after `,`/`{`/`:`
  if (prevIn(ctx, open - 1, OBJECT_AFTER_GO, OBJECT_AFTER_GO_WORDS)) return { start: open };
  // the type's tokens: [j + 1, open), at most 10 (their values are joined only for a composite literal)
  let j = open - 1;
  while (j >= 0 && open - 1 - j < 10 && (T.kk[j] === K.Id || GO_TYPE_PUNCT.has(T.v(j)!))) j--;
  const count = open - 1 - j;
  if (count === 0) return undefined;
  if (T.kc(j) === K.Id) return undefined;
  const lead = ctx.v(j);
  if (lead === ')' || (lead !== undefined && GO_NOT_TYPE_LEAD.has(lead))) return undefined;
  // (one type token: an identifier, or punctuation, which is no block word)
  if (count === 1 && T.wordIn(open - 1, GO_BLOCK_WORDS)) return undefined;
  let type = '';
  for (let q = j + 1; q < open; q++) type += T.v(q)!;
  return { type: type.replace(/^[&*\[\]]+/, ''), start: j + 1 };
}

/**
 * `set.has(ctx.v(i))`, without slicing an identifier: an identifier is compared as a word (`words` holds the same
 * strings as `set`; an identifier's value can be any string, as for Kotlin's backtick names).
 */
function prevIn(ctx: CodeContext, i: number, set: ReadonlySet<string>, words: WordSet): boolean {
  if (ctx.T.kc(i) === K.Id) return ctx.T.wordIn(i, words);
  const v = ctx.v(i);
  return v !== undefined && set.has(v);
}
