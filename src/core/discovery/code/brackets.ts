/**
 * What an opening bracket is: the callee of a call (`client.chat.completions.create(`, `new Foo<T>(`, `@SystemMessage(`)
 * and whether a brace opens an object, dict or composite literal (with its Go/Kotlin type) or a code block.
 */
import type { CodeContext } from './context';
import { K, wordSet } from './tokens';
import { FN_KEYWORDS, NOT_CALL } from './vocab';

export type Callee = { name: string; start: number; keyword?: string };
export type Brace = { type?: string; start: number };

const OBJECT_AFTER_JS = new Set(['=', '(', ',', ':', '[', 'return', '?', '??', '||', '&&', '...', 'yield', 'await']);
const GO_TYPE_PUNCT = new Set(['.', '*', '[', ']', '&']);
const GO_NOT_TYPE_LEAD = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '!']);
const GO_BLOCK_WORDS = new Set(['if', 'for', 'else', 'switch', 'range', 'select', 'func', 'struct', 'interface', 'go', 'defer']);
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

/** True when calleeAt(ctx, open) is defined, without building the callee's name. */
export function isCallAt(ctx: CodeContext, open: number): boolean {
  const { T } = ctx;
  const j = calleeEnd(ctx, open);
  const tk = T.kc(j);
  if (tk === K.Close) return true;
  return tk === K.Id && !T.wordIn(j, NOT_CALL_WORDS);
}

/** Callee of the call whose `(` is at `open` (computed once per call: frameOf() remembers the frame). */
export function calleeAt(ctx: CodeContext, open: number): Callee | undefined {
  const { T } = ctx;
  let j = calleeEnd(ctx, open);
  const tk = T.kc(j);
  if (tk === K.None) return undefined;
  if (tk === K.Close) return { name: '?', start: j };
  if (tk !== K.Id || T.wordIn(j, NOT_CALL_WORDS)) return undefined;
  let name = T.v(j)!;
  while (j >= 2 && (ctx.v(j - 1) === '.' || ctx.v(j - 1) === '?.' || ctx.v(j - 1) === '::') && T.kk[j - 2] === K.Id) {
    j -= 2;
    name = T.v(j) + '.' + name;
  }
  let keyword: string | undefined;
  // `@` is an operator, the others identifiers (compared without slicing)
  const kk = T.kc(j - 1);
  if ((kk === K.Op && T.v(j - 1) === '@') || (kk === K.Id && T.wordIn(j - 1, CALL_KEYWORDS))) {
    const kw = T.v(j - 1)!;
    keyword = kw;
    if (kw === 'new' || kw === '@') j--;
  }
  return { name, start: j, keyword };
}

/** Object/dict/composite literal braces (vs code blocks), with the Go/Kotlin type name before them. */
export function objectBraceAt(ctx: CodeContext, open: number): Brace | undefined {
  const { T, lang } = ctx;
  const prev = ctx.v(open - 1);
  if (lang === 'python') return { start: open };
  if (lang === 'typescript' || lang === 'javascript') {
    if (prev === undefined) return undefined;
    return OBJECT_AFTER_JS.has(prev) ? { start: open } : undefined;
  }
  if (lang === 'java' || lang === 'kotlin') return prev === ']' || prev === '=' || prev === ',' || prev === '{' ? { start: open } : undefined;
  // Go: composite literal `T{`, `pkg.T{`, `[]T{`, `&T{`, or an elided type after `,`/`{`/`:`
  if (prev === ',' || prev === '{' || prev === ':') return { start: open };
  // the type's tokens: [j + 1, open), at most 10 (their values are joined only for a composite literal)
  let j = open - 1;
  while (j >= 0 && open - 1 - j < 10 && (T.kk[j] === K.Id || GO_TYPE_PUNCT.has(T.v(j)!))) j--;
  const count = open - 1 - j;
  if (count === 0) return undefined;
  const lead = ctx.v(j);
  if (lead === ')' || T.kc(j) === K.Id || (lead !== undefined && GO_NOT_TYPE_LEAD.has(lead))) return undefined;
  if (count === 1 && GO_BLOCK_WORDS.has(T.v(open - 1)!)) return undefined;
  let type = '';
  for (let q = j + 1; q < open; q++) type += T.v(q)!;
  return { type: type.replace(/^[&*\[\]]+/, ''), start: j + 1 };
}
