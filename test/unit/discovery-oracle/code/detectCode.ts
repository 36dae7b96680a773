/** Prompts embedded in code: lex, assemble string expressions, read the structure around them, score. */
import { contentSignals, countWords, templateSyntaxOf } from '../content';
import { trimRange } from '../lines';
import type { PromptRole, RawPrompt, TemplateSyntax } from '../types';
import { CodeContext, Frame } from './context';
import { modelNear, structural, Structural } from './evidence';
import { ExprParser, StrExpr } from './expressions';
import { CLexer } from './lexClike';
import { lexPython } from './lexPython';
import { Lang, matchBrackets, Token } from './tokens';
import { nameScore, NEGATIVE_REF_CALL } from './vocab';

interface Ref { base: number; why: string; role?: PromptRole; model?: string }

const PROMPT_TSX: Record<string, PromptRole> = { SystemMessage: 'system', UserMessage: 'user', AssistantMessage: 'assistant' };
const POSTFIX = /^(?:format|format_map|formatted|strip|trim|trimIndent|trimMargin|render|invoke)$/;
const ALL_SLOTS = /\{\{[^}]{0,200}\}\}|\$\{[^}]{0,200}\}|\{[^{}\s]{0,100}\}|%[sd]|\$\w+/g;

export function lex(src: string, lang: Lang, jsx: boolean): Token[] {
  if (lang === 'python') return lexPython(src);
  const lx = new CLexer(src, lang === 'typescript' || lang === 'javascript' ? 'js' : lang, jsx);
  lx.run(0, false);
  return lx.toks;
}

export function detectCode(src: string, lang: Lang, jsx: boolean): RawPrompt[] {
  const toks = lex(src, lang, jsx);
  const { match, parent } = matchBrackets(toks);
  const ctx = new CodeContext(toks, match, parent, lang);
  const exprs = new ExprParser(toks, match, lang).all();
  const { refs, negRefs } = collectRefs(ctx);
  const judged = mergeAppends(ctx, exprs).map((e) => {
    const slot = ctx.slotOf(e.a, e.b);
    const frames = ctx.frames(slot);
    return { e, slot, frames, st: structural(ctx, slot, frames) };
  });
  // identifiers spliced into a text sent to a model are prompt text too: "…" + RULES
  for (const { e, st } of judged) {
    if (!st.strong || st.base < 0.85 || st.negative) continue;
    for (const name of e.spliced) if (!refs.has(name)) refs.set(name, { base: 0.85, why: `spliced into ${st.evidence[0]}` });
  }
  const out: RawPrompt[] = [];
  for (const { e, slot, frames, st } of judged) {
    const ref = slot.how === 'assign' || slot.how === 'return' || slot.how === 'kwarg' ? refs.get(slot.name ?? '') : undefined;
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
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const role = t.k === 'jsx' && t.tag ? PROMPT_TSX[t.tag.split('.').pop()!] : undefined;
    if (!role) continue;
    // the element's text children and {…} containers, up to the next tag
    const parts = [t.v];
    let last = t;
    let j = i + 1;
    for (; j < toks.length; j++) {
      const u = toks[j];
      if (u.k === 'jsx' && u.tag === t.tag) { parts.push(u.v); last = u; continue; }
      if (u.k === 'open' && u.v === '{' && match[j] > j) { parts.push(src.slice(u.s, toks[match[j]].e)); j = match[j]; continue; }
      break;
    }
    out.push(...jsxPrompt(src, t, last, parts.join(' '), role, lang));
    i = j - 1;
  }
  return out;
}

/**
 * `prompt = "…"` followed by `prompt += "…"` statements: one text, as the code builds it. Appends of
 * non-literals (`prompt += document`) end the run.
 */
function mergeAppends(ctx: CodeContext, exprs: StrExpr[]): StrExpr[] {
  const out: StrExpr[] = [];
  let prevName: string | undefined;
  for (const e of exprs) {
    const slot = ctx.slotOf(e.a, e.b);
    const last = out[out.length - 1];
    if (last && prevName && slot.how === 'assign' && slot.before === '+=' && slot.name === prevName && onlyAppendBetween(ctx, last.b, e.a)) {
      out[out.length - 1] = { ...last, b: e.b, lits: [...last.lits, ...e.lits], text: last.text + e.text, ops: [...new Set([...last.ops, ...e.ops, 'concat'])], spliced: [...last.spliced, ...e.spliced], tpl: last.tpl ?? e.tpl };
      continue;
    }
    out.push(e);
    prevName = slot.how === 'assign' ? slot.name : undefined;
  }
  return out;
}

/** Tokens between two expressions are only `<newline|;> name(.name)* +=`. */
function onlyAppendBetween(ctx: CodeContext, from: number, to: number): boolean {
  if (to - from > 8) return false;
  let sawPlusEq = false;
  for (let i = from; i < to; i++) {
    const t = ctx.toks[i];
    if (t.k === 'nl' || t.k === 'id' || (t.k === 'op' && (t.v === ';' || t.v === '.'))) continue;
    if (t.k === 'op' && t.v === '+=' && i === to - 1) { sawPlusEq = true; continue; }
    return false;
  }
  return sawPlusEq;
}

function score(src: string, e: StrExpr, st: Structural, lang: Lang): RawPrompt | undefined {
  const text = e.text;
  const trimmed = text.trim();
  const own = (trimmed.length > 4000 ? trimmed.slice(0, 4000) : trimmed).replace(ALL_SLOTS, ' ').trim();
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
 */
function collectRefs(ctx: CodeContext): { refs: Map<string, Ref>; negRefs: Map<string, string> } {
  const refs = new Map<string, Ref>();
  const negRefs = new Map<string, string>();
  const { toks, match } = ctx;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k !== 'id') continue;
    const prev = toks[i - 1];
    if (!prev || !((prev.k === 'op' && (prev.v === '=' || prev.v === ':' || prev.v === ',')) || prev.k === 'open' || (prev.k === 'id' && prev.v === 'return'))) continue;
    let j = i;
    while (toks[j + 1]?.v === '.' && toks[j + 2]?.k === 'id' && !POSTFIX.test(toks[j + 2].v)) j += 2;
    const name = toks[j].v;
    let end = j + 1;
    if (toks[end]?.v === '(' && match[end] > end) {
      end = match[end] + 1; // a call: build_prompt()
    }
    while (toks[end]?.v === '.' && toks[end + 1]?.k === 'id' && toks[end + 2]?.v === '(' && match[end + 2] > 0 && POSTFIX.test(toks[end + 1].v)) end = match[end + 2] + 1;
    const after = toks[end];
    if (after && !(after.k === 'close' || after.k === 'nl' || (after.k === 'op' && (after.v === ',' || after.v === ';')))) continue;
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
