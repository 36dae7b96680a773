/** Names around a value: the assigned variable, the enclosing statement's target, the returning function. */
import type { CodeContext } from './context';
import { FN_KEYWORDS, NOT_CALL } from './vocab';
import type { Token } from './tokens';

const TYPE_WORDS = new Set(['string', 'String', 'str', 'const', 'let', 'var', 'val', 'final', 'static', 'private', 'public', 'protected', 'readonly', 'export', 'internal', 'override', 'lateinit']);

/** Name assigned by the `=` at `p`. */
export function targetName(ctx: CodeContext, p: number): string | undefined {
  const { toks } = ctx;
  if (ctx.v(p - 1) === ']' && toks[p - 2]?.k === 'str') return toks[p - 2].v;
  if (ctx.v(p - 1) === ')') {
    const o = ctx.match[p - 1];
    if (o > 1 && toks[o - 1]?.k === 'id' && FN_KEYWORDS.has(ctx.v(o - 2) ?? '')) return toks[o - 1].v;
  }
  const seq: Token[] = [];
  let angle = 0;
  for (let q = p - 1; q >= 0 && seq.length < 16; q--) {
    const t = toks[q];
    if (t.k === 'op' && (t.v === '>' || t.v === '>>')) angle += t.v.length;
    else if (t.k === 'op' && t.v === '<') angle--;
    if (t.k === 'id' || (t.k === 'op' && ['.', ':', '<', '>', '>>', '?', '|', '*', '!', '?.'].includes(t.v)) || ((t.k === 'open' || t.k === 'close') && (t.v === '[' || t.v === ']')) || (angle > 0 && t.k === 'op' && t.v === ',')) seq.unshift(t);
    else break;
  }
  const colon = seq.findIndex((t) => t.k === 'op' && t.v === ':');
  if (colon > 0 && seq[colon - 1].k === 'id') return seq[colon - 1].v;
  const ids = seq.filter((t, i) => t.k === 'id' && (i === 0 || seq[i - 1].v !== '<'));
  for (let i = ids.length - 1; i >= 0; i--) if (!TYPE_WORDS.has(ids[i].v) || i === 0) return ids[i].v;
  return undefined;
}

/** For `x = cond ? "a" : "b"`, `y = opts.system ?? "…"`: the name the statement assigns. */
export function statementTarget(ctx: CodeContext, p: number): string | undefined {
  const c = ctx.parent[p];
  for (let q = p - 1, n = 0; q >= 0 && n < 80; q--, n++) {
    const t = ctx.toks[q];
    if (q === c || t.k === 'nl' || (t.k === 'op' && t.v === ';')) return undefined;
    if (t.k === 'close' && ctx.match[q] >= 0) { q = ctx.match[q]; continue; }
    if (ctx.parent[q] !== c) continue;
    if (t.k === 'op' && t.v === ',') return undefined;
    if (t.k === 'op' && (t.v === '=' || t.v === ':=')) return t.v === ':=' ? ctx.toks[q - 1]?.v : targetName(ctx, q);
    if (t.k === 'op' && t.v === ':' && (ctx.v(q - 2) === '{' || ctx.v(q - 2) === ',')) return ctx.toks[q - 1]?.v;
  }
  return undefined;
}

/** Name of the function a `return` at `a` belongs to. */
export function functionName(ctx: CodeContext, a: number): string | undefined {
  const { toks } = ctx;
  if (ctx.lang === 'python') {
    for (let q = a - 1, n = 0; q >= 0 && n < 4000; q--, n++) if (toks[q].k === 'id' && toks[q].v === 'def' && toks[q + 1]?.k === 'id') return decorated(ctx, q) ?? toks[q + 1].v;
    return undefined;
  }
  let c = ctx.parent[a];
  while (c >= 0 && toks[c].v !== '{') c = ctx.parent[c];
  if (c < 0) return undefined;
  return blockOwner(ctx, c);
}

/** `@agent.system_prompt` above a `def` at `q`: the decorator's last name, when it names a prompt. */
function decorated(ctx: CodeContext, q: number): string | undefined {
  let j = q - 1;
  if (ctx.v(j) === 'async') j--;
  while (ctx.toks[j]?.k === 'nl') j--;
  // walk back over one decorator line: @ name(.name)* [(…)]
  if (ctx.v(j) === ')' && ctx.match[j] >= 0) j = ctx.match[j] - 1;
  if (ctx.toks[j]?.k !== 'id') return undefined;
  const last = ctx.toks[j].v;
  while (ctx.v(j - 1) === '.' && ctx.toks[j - 2]?.k === 'id') j -= 2;
  return ctx.v(j - 1) === '@' && /prompt|instruction/i.test(last) ? last : undefined;
}

/** The function a block `{` belongs to: `name(...) {`, `name(): T {`, `name = (...) => {`. */
export function blockOwner(ctx: CodeContext, c: number): string | undefined {
  const { toks } = ctx;
  let j = c - 1;
  for (let n = 0; n < 12 && j >= 0 && toks[j].k !== 'close' && toks[j].v !== '=>' && (toks[j].k === 'id' || ['.', '<', '>', '*', '|', '?', ':', '[', ']'].includes(toks[j].v)); n++) j--;
  if (ctx.v(j) === '=>') return arrowName(ctx, j);
  for (let hops = 0; hops < 2 && ctx.v(j) === ')'; hops++) {
    const o = ctx.match[j];
    if (o < 1) return undefined;
    const t = toks[o - 1];
    if (t.k === 'id' && !NOT_CALL.has(t.v) && !FN_KEYWORDS.has(t.v)) return t.v;
    j = o - 1;
  }
  return undefined;
}

/** `name = (x) => …` / `name: (x) => …` for the arrow at `p`. */
export function arrowName(ctx: CodeContext, p: number): string | undefined {
  let j = p - 1;
  if (ctx.v(j) === ')') j = ctx.match[j] - 1;
  else if (ctx.toks[j]?.k === 'id') j--;
  if (ctx.v(j) === 'async') j--;
  if (ctx.v(j) === '=') return targetName(ctx, j);
  if (ctx.v(j) === ':' && ctx.toks[j - 1]) return ctx.toks[j - 1].v;
  return undefined;
}
