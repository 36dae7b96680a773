/** Prompts embedded in code: lex, assemble string expressions, read the structure around them, score. */
import { contentSignals, countWords, templateSyntaxOf } from '../content';
import { trimRange } from '../lines';
import type { PromptRole, RawPrompt, TemplateSyntax } from '../types';
import { CodeContext, Frame, Slot } from './context';
import { dspySignature, modelNear, structural, Structural } from './evidence';
import { couldReach, framesReach, rolePair } from './reach';
import { ExprParser, StrExpr } from './expressions';
import { CLexer } from './lexClike';
import { lexPython } from './lexPython';
import { DEAD, NEED, ownText, textClass } from './textClass';
import { giveI32, K, Lang, matchBrackets, Token, Toks, wordSet } from './tokens';
import { nameScore, NEGATIVE_REF_CALL } from './vocab';

interface Ref { base: number; why: string; role?: PromptRole; model?: string }

const PROMPT_TSX: Record<string, PromptRole> = { SystemMessage: 'system', UserMessage: 'user', AssistantMessage: 'assistant' };
/** Postfix calls a reference reads through: TEMPLATE.format(…), PROMPT.strip(). */
const POSTFIX_WORDS = wordSet(['format', 'format_map', 'formatted', 'strip', 'trim', 'trimIndent', 'trimMargin', 'render', 'invoke']);

export function lex(src: string, lang: Lang, jsx: boolean): Toks {
  if (lang === 'python') return lexPython(src);
  const lx = new CLexer(src, lang === 'typescript' || lang === 'javascript' ? 'js' : lang, jsx);
  lx.run(0, false);
  return lx.T;
}

interface Judged { e: StrExpr; slot: Slot; frames: Frame[]; st: Structural }
/** An expression whose structure cannot give the evidence its text needs; only a reference of `min` could. */
interface Deferred { e: StrExpr; slot: Slot; min: number }

export function detectCode(src: string, lang: Lang, jsx: boolean): RawPrompt[] {
  const T = lex(src, lang, jsx);
  const { match, parent } = matchBrackets(T);
  const ctx = new CodeContext(T, match, parent, lang);
  try {
    return findPrompts(ctx, src, lang);
  } finally {
    // the arrays go back to the pool for the next file: nothing returned refers to them
    ctx.release();
    T.release();
    giveI32(match);
    giveI32(parent);
  }
}

function findPrompts(ctx: CodeContext, src: string, lang: Lang): RawPrompt[] {
  const { T, match } = ctx;
  const exprs = new ExprParser(T, match, lang).all();
  // expressions in order: judged (structure read) or deferred (read only if a reference can lift them)
  const items: Array<Judged | Deferred> = [];
  let judgedCount = 0;
  for (const e of mergeAppends(ctx, exprs)) {
    // Gates (see score()): a text with no words of its own besides slots, or one identifier/URL-like token, is never
    // reported; a short text or a one-word text is reported only with strong evidence (or 0.7 for short texts of
    // 15+ characters and 3+ words), which its structure may be unable to give. Expressions that splice identifiers
    // are read anyway when strong evidence is possible (their identifiers may become references).
    // a bare string statement that is not a DSPy docstring: structural() says negative, with no evidence
    // (the token before the expression, as slotOf() finds it, is found once for the gates and the slot)
    const p = ctx.before(e.a);
    if (ctx.isStatement(e.b, p) && !(lang === 'python' && dspySignature(ctx, { how: 'stmt', container: -1, at: e.a }))) continue;
    const tc = textClass(e.text, e.spliced.length === 0);
    if ((tc & DEAD) !== 0 && e.spliced.length === 0) continue;
    const need = NEED[tc & 3];
    if (need > 0 && argumentOutOfReach(ctx, e.a, p, need)) continue;
    const slot = ctx.slotAt(e.a, p, ctx.slotCase(e.a, e.b, p));
    // an object key, or a bare statement that is not a DSPy docstring: structural() says negative, with no evidence
    if (slot.how === 'objkey' || (slot.how === 'stmt' && !(lang === 'python' && dspySignature(ctx, slot)))) continue;
    if (need > 0 && !couldReach(ctx, slot, need)) {
      // nothing here can give the evidence (nor make it strong, so no spliced name becomes a reference)
      if (slot.how === 'assign' || slot.how === 'return' || slot.how === 'kwarg') items.push({ e, slot, min: need });
      continue;
    }
    const frames = ctx.frames(slot);
    items.push({ e, slot, frames, st: structural(ctx, slot, frames) });
    judgedCount++;
  }
  const out: RawPrompt[] = [];
  if (items.length > 0) {
    // only the names looked up below need their references collected
    const wanted = new Set<string>();
    for (const { slot } of items) {
      if (slot.how === 'assign' || slot.how === 'return' || slot.how === 'kwarg') wanted.add(slot.name ?? '');
      if (slot.name) wanted.add(slot.name);
    }
    const { refs, negRefs } = collectRefs(ctx, wanted);
    // identifiers spliced into a text sent to a model are prompt text too: "…" + RULES
    if (judgedCount > 0) {
      for (const item of items) {
        if (!('st' in item)) continue;
        const { e, st } = item;
        if (!st.strong || st.base < 0.85 || st.negative) continue;
        for (const name of e.spliced) if (!refs.has(name)) refs.set(name, { base: 0.85, why: `spliced into ${st.evidence[0]}` });
      }
    }
    for (const item of items) {
      const { e, slot } = item;
      const ref = slot.how === 'assign' || slot.how === 'return' || slot.how === 'kwarg' ? refs.get(slot.name ?? '') : undefined;
      let st: Structural;
      let frames: Frame[];
      if ('st' in item) {
        st = item.st;
        frames = item.frames;
      } else if (ref && ref.base >= item.min) {
        frames = ctx.frames(slot);
        st = structural(ctx, slot, frames);
      } else continue; // below the evidence its text needs, with or without the reference
      let model: string | undefined;
      if (ref && ref.base > st.base) {
        st.negative = undefined;
        st.strong = ref.base >= 0.85;
        st.base = ref.base;
        st.role = st.role ?? ref.role;
        st.evidence.push(ref.why);
        model = ref.model;
      } else if (ref) {
        st.evidence.push(ref.why);
        model = ref.model;
      } else if (slot.name && negRefs.has(slot.name) && st.base < 0.85) st.negative = negRefs.get(slot.name);
      if (e.ops.some((o) => o.startsWith('tag:'))) st.negative = `tagged ${e.ops.find((o) => o.startsWith('tag:'))!.slice(4)} template`;
      const p = score(src, e, st, lang);
      if (!p) continue;
      p.model = model ?? modelNear(ctx, frames);
      out.push(p);
    }
  }
  const kk = T.kk;
  for (let i = 0; i < T.n && T.jsxCount > 0; i++) {
    if (kk[i] !== K.Jsx) continue;
    const t = T.tok(i)!;
    const role = t.tag ? PROMPT_TSX[t.tag.split('.').pop()!] : undefined;
    if (!role) continue;
    // the element's text children and {…} containers, up to the next tag
    const parts = [t.v];
    let last = t;
    let j = i + 1;
    for (; j < T.n; j++) {
      const uk = kk[j];
      if (uk === K.Jsx && T.tok(j)!.tag === t.tag) { const u = T.tok(j)!; parts.push(u.v); last = u; continue; }
      if (uk === K.Open && T.v(j) === '{' && match[j] > j) { parts.push(src.slice(T.s[j], T.e[match[j]])); j = match[j]; continue; }
      break;
    }
    out.push(...jsxPrompt(src, t, last, parts.join(' '), role, lang));
    i = j - 1;
  }
  return out;
}

/**
 * True when the expression at `a` is, as slotOf() would say, an object key or a call argument / element right after
 * `(`, `[`, `{` or `,` inside a bracket, and couldReach() is false for it (so it is dropped): such a slot gives
 * couldReach() no reason of its own (not a key, kwarg or name), except the second element of a two-element frame
 * whose first names a role; the frames from its container are framesReach(). Skips building the slot. `p`: ctx.before(a).
 */
function argumentOutOfReach(ctx: CodeContext, a: number, p: number, need: number): boolean {
  const { T } = ctx;
  const pk = T.kc(p);
  // after an opening bracket the container is that bracket (nothing but await/spreads/stars lies between)
  if (pk === K.Open) return !framesReach(ctx, p, need);
  if (pk !== K.Op || T.v(p) !== ',') return false;
  const c = ctx.parent[a];
  if (c < 0 || framesReach(ctx, c, need)) return false;
  // the second of two elements: (role, text)
  return ctx.kindOf(c) === 'block' || !rolePair(ctx, c) || ctx.elemIndex(a) !== 1;
}

/** True when the token before the expression at `a` (as slotOf() finds it, skipping `await`, spreads and stars) is `+=`. */
function afterPlusEq(ctx: CodeContext, a: number): boolean {
  const p = ctx.before(a);
  return ctx.T.kc(p) === K.Op && ctx.T.v(p) === '+=';
}

/**
 * `prompt = "…"` followed by `prompt += "…"` statements: one text, as the code builds it. Appends of
 * non-literals (`prompt += document`) end the run. Only expressions after a `+=` (and the ones right before them)
 * need their slot for this.
 */
function mergeAppends(ctx: CodeContext, exprs: StrExpr[]): StrExpr[] {
  // with no expression after a `+=`, nothing merges and no slot is read: the same expressions
  let any = false;
  for (let x = 0; x < exprs.length && !any; x++) any = afterPlusEq(ctx, exprs[x].a);
  if (!any) return exprs;
  const out: StrExpr[] = [];
  let prevName: string | undefined;
  // the run being merged: a copy whose arrays grow in place (copying them per append made a run quadratic)
  let run: StrExpr | undefined;
  for (let x = 0; x < exprs.length; x++) {
    const e = exprs[x];
    let slot: Slot | undefined;
    if (afterPlusEq(ctx, e.a)) {
      slot = ctx.slotOf(e.a, e.b);
      const last = out[out.length - 1];
      if (last && prevName && slot.how === 'assign' && slot.before === '+=' && slot.name === prevName && onlyAppendBetween(ctx, last.b, e.a)) {
        if (run !== last) out[out.length - 1] = run = { ...last, lits: [...last.lits], ops: [...new Set(last.ops)], spliced: [...last.spliced] };
        run.b = e.b;
        run.lits.push(...e.lits);
        run.text += e.text;
        for (const o of e.ops) if (!run.ops.includes(o)) run.ops.push(o);
        if (!run.ops.includes('concat')) run.ops.push('concat');
        run.spliced.push(...e.spliced);
        run.tpl = run.tpl ?? e.tpl;
        continue;
      }
    }
    out.push(e);
    const next = exprs[x + 1];
    if (next && afterPlusEq(ctx, next.a)) {
      slot = slot ?? ctx.slotOf(e.a, e.b);
      prevName = slot.how === 'assign' ? slot.name : undefined;
    } else prevName = undefined; // not read: the next expression cannot be an append
  }
  return out;
}

/** Tokens between two expressions are only `<newline|;> name(.name)* +=`. */
function onlyAppendBetween(ctx: CodeContext, from: number, to: number): boolean {
  if (to - from > 8) return false;
  let sawPlusEq = false;
  for (let i = from; i < to; i++) {
    const k = ctx.T.kc(i);
    const v = ctx.T.v(i);
    if (k === K.Nl || k === K.Id || (k === K.Op && (v === ';' || v === '.'))) continue;
    if (k === K.Op && v === '+=' && i === to - 1) { sawPlusEq = true; continue; }
    return false;
  }
  return sawPlusEq;
}

function score(src: string, e: StrExpr, st: Structural, lang: Lang): RawPrompt | undefined {
  const text = e.text;
  const trimmed = text.trim();
  const own = ownText(trimmed);
  if (countWords(own) < (st.strong && st.base >= 0.85 ? 1 : 2)) return undefined;
  if (st.negative && !(st.strong && st.base >= 0.85)) return undefined;
  const c = contentSignals(trimmed);
  if (c.shape === 'identifier' || c.shape === 'url') return undefined;
  const base = st.base;
  if (trimmed.length < 40 && !(st.strong || (base >= 0.7 && trimmed.length >= 15 && countWords(own) >= 3))) return undefined;
  let conf = base > 0 ? base + (1 - base) * c.score * 0.6 : c.score * 0.8;
  if (base > 0 && base < 0.85 && c.score < 0.1) conf *= 0.8;
  if (c.shape) conf *= st.strong ? 0.75 : 0.25;
  const span = spanOf(src, e.lits);
  if (!span) return undefined;
  const evidence = [...st.evidence, ...(base === 0 || base < 0.85 ? c.reasons.slice(0, 2) : [])];
  if (c.shape) evidence.push(`looks like ${c.shape}`);
  if (e.ops.length > 0) evidence.push(`built with ${e.ops.join(', ')}`);
  const hint: TemplateSyntax | undefined = e.tpl ?? (e.ops.includes('format') ? 'format' : st.call && /PromptTemplate|from_template|fromTemplate|from_messages|fromMessages/.test(st.call.callee ?? '') ? 'fstring' : undefined);
  return {
    kind: 'embedded',
    format: lang,
    name: st.name ?? st.role ?? 'prompt',
    text: trimmed,
    startOffset: span[0],
    endOffset: span[1],
    confidence: Math.max(0, Math.min(1, conf)),
    evidence,
    role: st.role,
    templateSyntax: templateSyntaxOf(trimmed, hint),
  };
}

/** Span of the literals' contents: from the first non-blank literal's text to the last one's, trimmed. */
function spanOf(src: string, lits: Token[]): [number, number] | undefined {
  let start = -1;
  let end = -1;
  for (const t of lits) {
    let r = trimRange(src, t.cs ?? t.s, t.ce ?? t.e);
    // a leading backslash-newline (""""\\") continues the line: not part of the text
    while (r && src[r[0]] === '\\' && (src[r[0] + 1] === '\n' || src[r[0] + 1] === '\r')) r = trimRange(src, r[0] + 1, r[1]);
    if (!r) continue;
    if (start < 0) start = r[0];
    end = r[1];
  }
  return start >= 0 && end > start ? [start, end] : undefined;
}

function jsxPrompt(src: string, first: Token, last: Token, text: string, role: PromptRole, lang: Lang): RawPrompt[] {
  const span = trimRange(src, first.cs ?? first.s, last.ce ?? last.e);
  if (!span || countWords(text) < 2) return [];
  const c = contentSignals(text);
  return [{ kind: 'embedded', format: lang, name: first.tag ?? role, text, startOffset: span[0], endOffset: span[1], confidence: 0.9 + 0.1 * c.score, evidence: [`prompt-tsx <${first.tag}>`], role, templateSyntax: /\{[^}]+\}/.test(text) ? 'js-template' : 'none' }];
}

/**
 * Identifiers used as values at strong call sites (`system=SYSTEM_PROMPT`, `{role: "system", content: SYS}`,
 * `from_template(TEMPLATE)`, `system=build_prompt()`) boost the literal bound to that name; identifiers passed to
 * input()/click.prompt()/t() mark it as a non-prompt.
 *
 * Only the entries of `wanted` names are read afterwards, so a use whose name is not wanted is skipped without
 * reading its structure, unless an identifier inside it is wanted: a strong use skips the tokens it covers, which
 * then must be the same tokens as when every use is read. (Names of uses inside [i, end) are identifiers inside it:
 * the token at `end` closes the use, so no dotted chain runs across it.)
 */
function collectRefs(ctx: CodeContext, wanted: ReadonlySet<string>): { refs: Map<string, Ref>; negRefs: Map<string, string> } {
  const refs = new Map<string, Ref>();
  const negRefs = new Map<string, string>();
  if (wanted.size === 0) return { refs, negRefs };
  const { T, match } = ctx;
  const n = T.n;
  const kk = T.kk;
  // identifiers are compared with the wanted names without slicing them out of the source
  const wantedWords = wordSet(wanted);
  // positions of the identifiers with a wanted name, in order; `w` is the first one after the use read below (uses
  // are read left to right)
  const wantedAt: number[] = [];
  for (let i = 0; i < n; i++) if (kk[i] === K.Id && T.wordIn(i, wantedWords)) wantedAt.push(i);
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (kk[i] !== K.Id) continue;
    const pk = T.kc(i - 1);
    if (pk === K.None) continue;
    if (!((pk === K.Op && isRefLead(T.v(i - 1)!)) || pk === K.Open || (pk === K.Id && T.isWord(i - 1, 'return')))) continue;
    let j = i;
    while (T.v(j + 1) === '.' && T.kc(j + 2) === K.Id && !T.wordIn(j + 2, POSTFIX_WORDS)) j += 2;
    let end = j + 1;
    if (T.v(end) === '(' && match[end] > end) {
      end = match[end] + 1; // a call: build_prompt()
    }
    while (T.v(end) === '.' && T.kc(end + 1) === K.Id && T.v(end + 2) === '(' && match[end + 2] > 0 && T.wordIn(end + 1, POSTFIX_WORDS)) end = match[end + 2] + 1;
    const ak = T.kc(end);
    if (ak !== K.None && !(ak === K.Close || ak === K.Nl || (ak === K.Op && (T.v(end) === ',' || T.v(end) === ';')))) continue;
    // (T.wordIn(j, wantedWords) is wanted.has(T.v(j)))
    while (w < wantedAt.length && wantedAt[w] < i + 1) w++;
    if (!T.wordIn(j, wantedWords) && !(w < wantedAt.length && wantedAt[w] < end)) continue;
    const name = T.v(j)!;
    if (/^(?:None|null|nil|true|false|True|False|undefined|this|self)$/.test(name)) continue;
    const slot = ctx.slotOf(i, end);
    const frames = ctx.frames(slot);
    const f0: Frame | undefined = frames[0];
    if (f0?.kind === 'call' && f0.callee && NEGATIVE_REF_CALL.test(f0.callee)) {
      negRefs.set(name, `passed to ${f0.callee}()`);
      continue;
    }
    const st = structural(ctx, slot, frames);
    if (!st.strong || st.base < 0.85 || st.negative) {
      // flows into a prompt-named variable or function: return TEMPLATE.format(…) inside report_prompt()
      const ns = (slot.how === 'return' || slot.how === 'assign') && !st.negative ? nameScore(slot.name) : { score: 0 };
      if (ns.score >= 0.6 && !refs.has(name)) refs.set(name, { base: ns.score, why: `flows into ${slot.name}` });
      continue;
    }
    const old = refs.get(name);
    if (!old || old.base < st.base) refs.set(name, { base: Math.min(0.93, st.base), why: `referenced at ${st.evidence[0]}`, role: st.role, model: modelNear(ctx, frames) });
    i = Math.max(i, end - 1);
  }
  return { refs, negRefs };
}

const isRefLead = (v: string): boolean => v === '=' || v === ':' || v === ',';
