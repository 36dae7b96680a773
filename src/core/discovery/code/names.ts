/** Names around a value: the assigned variable, the enclosing statement's target, the returning function. */
import type { CodeContext } from './context';
import { FN_KEYWORDS, NOT_CALL } from './vocab';
import { K } from './tokens';

const TYPE_WORDS = new Set(['string', 'String', 'str', 'const', 'let', 'var', 'val', 'final', 'static', 'private', 'public', 'protected', 'readonly', 'export', 'internal', 'override', 'lateinit']);
const NAME_OPS = new Set(['.', ':', '<', '>', '>>', '?', '|', '*', '!', '?.']);
const OWNER_PUNCT = new Set(['.', '<', '>', '*', '|', '?', ':', '[', ']']);

/** Name assigned by the `=` at `p`. */
export function targetName(ctx: CodeContext, p: number): string | undefined {
  const { T } = ctx;
  if (ctx.v(p - 1) === ']' && T.kc(p - 2) === K.Str) return T.v(p - 2);
  if (ctx.v(p - 1) === ')') {
    const o = ctx.match[p - 1];
    if (o > 1 && T.kc(o - 1) === K.Id && FN_KEYWORDS.has(ctx.v(o - 2) ?? '')) return T.v(o - 1);
  }
  // token indices of the name part before `=`, left to right
  const seq: number[] = [];
  let angle = 0;
  for (let q = p - 1; q >= 0 && seq.length < 16; q--) {
    const k = T.kk[q];
    const v = T.v(q)!;
    if (k === K.Op && (v === '>' || v === '>>')) angle += v.length;
    else if (k === K.Op && v === '<') angle--;
    if (k === K.Id || (k === K.Op && NAME_OPS.has(v)) || ((k === K.Open || k === K.Close) && (v === '[' || v === ']')) || (angle > 0 && k === K.Op && v === ',')) seq.unshift(q);
    else break;
  }
  const colon = seq.findIndex((q) => T.kk[q] === K.Op && T.v(q) === ':');
  if (colon > 0 && T.kk[seq[colon - 1]] === K.Id) return T.v(seq[colon - 1]);
  const ids = seq.filter((q, i) => T.kk[q] === K.Id && (i === 0 || T.v(seq[i - 1]) !== '<'));
  for (let i = ids.length - 1; i >= 0; i--) if (!TYPE_WORDS.has(T.v(ids[i])!) || i === 0) return T.v(ids[i]);
  return undefined;
}

/** For `x = cond ? "a" : "b"`, `y = opts.system ?? "…"`: the name the statement assigns. */
export function statementTarget(ctx: CodeContext, p: number): string | undefined {
  const { T } = ctx;
  const c = ctx.parent[p];
  for (let q = p - 1, n = 0; q >= 0 && n < 80; q--, n++) {
    const k = T.kk[q];
    if (q === c || k === K.Nl || (k === K.Op && T.v(q) === ';')) return undefined;
    if (k === K.Close && ctx.match[q] >= 0) { q = ctx.match[q]; continue; }
    if (ctx.parent[q] !== c) continue;
    if (k !== K.Op) continue;
    const v = T.v(q);
    if (v === ',') return undefined;
    if (v === '=' || v === ':=') return v === ':=' ? T.v(q - 1) : targetName(ctx, q);
    if (v === ':' && (ctx.v(q - 2) === '{' || ctx.v(q - 2) === ',')) return T.v(q - 1);
  }
  return undefined;
}

/** Name of the function a `return` at `a` belongs to. */
export function functionName(ctx: CodeContext, a: number): string | undefined {
  const { T } = ctx;
  if (ctx.lang === 'python') {
    for (let q = a - 1, n = 0; q >= 0 && n < 4000; q--, n++) if (T.isWord(q, 'def') && T.kc(q + 1) === K.Id) return decorated(ctx, q) ?? T.v(q + 1);
    return undefined;
  }
  let c = ctx.parent[a];
  while (c >= 0 && T.v(c) !== '{') c = ctx.parent[c];
  if (c < 0) return undefined;
  return blockOwner(ctx, c);
}

/** `@agent.system_prompt` above a `def` at `q`: the decorator's last name, when it names a prompt. */
function decorated(ctx: CodeContext, q: number): string | undefined {
  let j = q - 1;
  if (ctx.v(j) === 'async') j--;
  while (ctx.T.kc(j) === K.Nl) j--;
  // walk back over one decorator line: @ name(.name)* [(…)]
  if (ctx.v(j) === ')' && ctx.match[j] >= 0) j = ctx.match[j] - 1;
  if (ctx.T.kc(j) !== K.Id) return undefined;
  const last = ctx.T.v(j)!;
  while (ctx.v(j - 1) === '.' && ctx.T.kc(j - 2) === K.Id) j -= 2;
  return ctx.v(j - 1) === '@' && /prompt|instruction/i.test(last) ? last : undefined;
}

/** The function a block `{` belongs to: `name(...) {`, `name(): T {`, `name = (...) => {`. */
export function blockOwner(ctx: CodeContext, c: number): string | undefined {
  const { T } = ctx;
  let j = c - 1;
  for (let n = 0; n < 12 && j >= 0 && T.kk[j] !== K.Close && T.v(j) !== '=>' && (T.kk[j] === K.Id || OWNER_PUNCT.has(T.v(j)!)); n++) j--;
  if (ctx.v(j) === '=>') return arrowName(ctx, j);
  for (let hops = 0; hops < 2 && ctx.v(j) === ')'; hops++) {
    const o = ctx.match[j];
    if (o < 1) return undefined;
    if (T.kk[o - 1] === K.Id) {
      const v = T.v(o - 1)!;
      if (!NOT_CALL.has(v) && !FN_KEYWORDS.has(v)) return v;
    }
    j = o - 1;
  }
  return undefined;
}

/** `name = (x) => …` / `name: (x) => …` for the arrow at `p`. */
export function arrowName(ctx: CodeContext, p: number): string | undefined {
  let j = p - 1;
  if (ctx.v(j) === ')') j = ctx.match[j] - 1;
  else if (ctx.T.kc(j) === K.Id) j--;
  if (ctx.v(j) === 'async') j--;
  if (ctx.v(j) === '=') return targetName(ctx, j);
  if (ctx.v(j) === ':' && ctx.T.kc(j - 1) !== K.None) return ctx.T.v(j - 1);
  return undefined;
}
