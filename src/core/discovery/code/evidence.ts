/**
 * Structural evidence for a string expression: message objects, role tuples, SDK call arguments, enclosing
 * keys and names, references from call sites, and the negative contexts (logging, errors, SQL, i18n, help).
 */
import type { PromptRole } from '../types';
import { calleeAt } from './brackets';
import { CodeContext, Frame, Slot, SLOT_HOW, SlotCase, SlotHow } from './context';
import { K, wordSet } from './tokens';
import { LLM_CALL, MAYBE_LLM_CALL, memo, NEGATIVE_CALL, NEGATIVE_KEYS, normKey, nameScore, PROMPT_ARG_CALL, roleOfCallee, roleOfWord, SYSTEM_KEYS, TEMPLATE_CALL, TEXT_WRAPPERS, USER_KEYS, USER_PROMPT_CALL } from './vocab';

export interface Structural {
  /** 0..1 from structure and names, before the text is read. */
  base: number;
  /** True when the evidence is a call site or message shape (short texts allowed). */
  strong: boolean;
  /** A non-prompt context (logging, errors, SQL, help, i18n, UI); wins over weak evidence. */
  negative?: string;
  evidence: string[];
  role?: PromptRole;
  name?: string;
  /** The call the text goes to, for the model id and template syntax. */
  call?: Frame;
}

const CONTENT_KEYS = new Set(['content', 'text', 'parts', 'message', 'value', 'contents', 'prompt']);

/** Reads the structure around a string expression (or an identifier used as a value). */
export function structural(ctx: CodeContext, slot0: Slot, frames0: Frame[]): Structural {
  const out: Structural = { base: 0, strong: false, evidence: [], name: slot0.name };
  if (slot0.how === 'objkey') {
    out.negative = 'object key';
    return out;
  }
  if (slot0.how === 'stmt') {
    // a DSPy signature's docstring is its instruction; other docstrings are documentation
    if (ctx.lang === 'python' && dspySignature(ctx, slot0)) {
      out.base = 0.9;
      out.strong = true;
      out.role = 'system';
      out.evidence.push('DSPy signature docstring');
      return out;
    }
    out.negative = 'bare string statement (docstring)';
    return out;
  }
  // wrapper calls such as NewTextBlock("…") or dedent(…) take the place of the text
  let slot = slot0;
  let frames = frames0;
  while (frames.length > 0 && frames[0].kind === 'call' && slot.how === 'arg' && slot.index === 0 && TEXT_WRAPPERS.test(frames[0].callee ?? '') && !roleOfCallee(frames[0].callee ?? '')) {
    slot = frames[0].slot;
    frames = frames.slice(1);
  }
  // lambdas passed to a call: .user(u -> u.text("…")), .map((x) => `…`)
  if ((slot.before === '->' || slot.before === '=>') && frames[0]?.kind === 'call') slot = { how: 'arg', index: 0, container: frames[0].open, before: slot.before };
  const found = (base: number, why: string, role?: PromptRole, strong = base >= 0.85): void => {
    if (base > out.base) {
      out.base = base;
      if (role) out.role = role;
    } else if (role && !out.role) out.role = role;
    out.strong = out.strong || strong;
    out.evidence.push(why);
  };

  messageObject(ctx, slot, frames, found);
  roleTuple(ctx, slot, frames, found);
  if (out.role && out.base >= 0.9 && (slot.how === 'elem' || CONTENT_KEYS.has(normKey(slot.name)))) out.name = `${out.role} message`;
  const call = callSite(slot, frames, found, out);
  out.call = call;

  // enclosing keys: system=[{type: text, text: …}], SystemInstruction: &genai.Content{…}, messages=[…]
  for (let k = 0; k < frames.length && k < 5; k++) {
    const s = frames[k].slot;
    if (s.how !== 'key' && s.how !== 'kwarg') continue;
    const key = normKey(s.name);
    const textual = slot.how === 'elem' || slot.how === 'arg' || CONTENT_KEYS.has(normKey(slot.name));
    if (textual && SYSTEM_KEYS.has(key)) {
      found(0.88, `inside ${s.name}=`, key === 'developermessage' ? 'developer' : 'system');
      break;
    }
    if (key === 'examples' && frames.slice(k).some((f) => f.kind === 'call' && /FewShot/.test(f.callee ?? ''))) {
      found(0.85, `few-shot example of ${frames.slice(k).find((f) => f.kind === 'call')?.callee}`, undefined, false);
      break;
    }
    if (textual && (key === 'messages' || key === 'contents' || key === 'history')) {
      const llm = frames.slice(k + 1, k + 4).find((f) => f.kind === 'call' && LLM_CALL.test(f.callee ?? ''));
      if (llm) found(0.88, `inside ${s.name}= of ${llm.callee}`, 'user');
      else found(0.7, `inside ${s.name}=`, undefined, false);
      break;
    }
  }

  // names: the assigned variable, returning function, object key, parameter default
  if (slot.how === 'assign' || slot.how === 'return' || slot.how === 'default' || slot.how === 'key' || slot.how === 'kwarg') {
    const ns = nameScore(slot.name);
    // a key of a plain data object says less than a variable name: {"instructions": "Preheat the oven…"}
    const dataKey = slot.how === 'key' && !call;
    if (ns.score > 0) found(dataKey ? ns.score * 0.8 : ns.score, ns.why!, undefined, false);
    else if (ns.score < 0 && out.base < 0.85) out.negative = ns.why;
    if (slot.how === 'key' || slot.how === 'kwarg') {
      const k = normKey(slot.name);
      if (NEGATIVE_KEYS.has(k) && out.base < 0.85) out.negative = `key ${slot.name}`;
    }
  }
  // names of enclosing containers: PROMPTS = {"summarize": "…"}, FEW_SHOT = ["…", "…"]
  for (let k = 0; k < frames.length && k < 3; k++) {
    const s = frames[k].slot;
    if (s.how !== 'assign' && s.how !== 'key' && s.how !== 'kwarg' && s.how !== 'return') continue;
    const ns = nameScore(s.name);
    if (ns.score > 0 && out.base < 0.85) {
      found(ns.score * 0.9, `inside ${s.name}`, undefined, false);
      out.name = slot.name && slot.how === 'key' ? `${s.name}.${slot.name}` : s.name;
    } else if (ns.score < 0 && out.base < 0.5) out.negative = `inside ${s.name}`;
    break;
  }

  // negative calls: logging, errors, SQL execution, regexes, i18n, CLI help, HTTP responses
  if (out.base < 0.85) {
    const neg = negativeCall(frames, slot);
    if (neg) out.negative = neg;
  }
  return out;
}

const MAP_OF = /(?:^|\.)(?:of|mapOf|hashMapOf|dict|Map)$/;
const ROLE_ARG_CALL = /Message|Content|Prompt/;
const CONTENT_CALL = /[gG]enerate_?[cC]ontent|chat\.send_?[mM]essage/;
const RUN_CALL = /(?:^|\.)(?:run|run_sync|Runner\.run)$/;
/** Normalised keys through which structural() can reach a base of 0.7 or more (message content, SDK arguments, enclosing keys). */
const EVIDENCE_KEYS = new Set([...SYSTEM_KEYS, ...USER_KEYS, ...CONTENT_KEYS, 'template', 'prefix', 'suffix', 'content', 'messages', 'contents', 'history', 'examples']);

/**
 * False only when structural(ctx, slot0, ctx.frames(slot0)) certainly returns neither `strong` nor a base of `min` or more
 * (`min` is 0.85 or 0.7). A cheap over-approximation of structural(), kept next to it: every found() of at least
 * 0.7 needs one of these — a DSPy docstring; an enclosing slot that is a key/kwarg among EVIDENCE_KEYS (message
 * content, SDK keyword, system/messages keys) or whose name scores >= 0.7; a call frame whose callee is a role
 * message, a template, a prompt-argument call, a model call taking a user prompt, a Map.of or a `run` (0.8); or a
 * two-element tuple/call whose first element names a role. (Strong findings all have a base >= 0.85.)
 */
export function couldReach(ctx: CodeContext, slot0: Slot, min: number): boolean {
  if (slot0.how === 'objkey') return false;
  if (slot0.how === 'stmt') return ctx.lang === 'python' && dspySignature(ctx, slot0);
  if (slotReaches(slot0, min)) return true;
  const c = slot0.container;
  if (c < 0) return false;
  if (ctx.kindOf(c) === 'block') return false;
  return roleFirst(ctx, slot0, c) || framesReach(ctx, c, min);
}

/** couldReach()'s reasons in one slot: a key/kwarg among EVIDENCE_KEYS, or (below 0.85) a name that scores >= 0.7. */
function slotReaches(s: Slot, min: number): boolean {
  return nameReaches(s.how, s.name, min);
}

/** slotReaches() of a slot with this `how` and `name`. */
function nameReaches(how: SlotHow, name: string | undefined, min: number): boolean {
  if ((how === 'key' || how === 'kwarg') && EVIDENCE_KEYS.has(normKey(name))) return true;
  if (how === 'assign' || how === 'return' || how === 'default' || how === 'key' || how === 'kwarg') {
    if (min < 0.85 && nameScore(name).score >= 0.7) return true;
  }
  return false;
}

/** The second element of a two-element frame (the bracket at `open`) whose first element names a role: ("system", "…"). */
function roleFirst(ctx: CodeContext, s: Slot, open: number): boolean {
  if (s.index !== 1 || (s.how !== 'elem' && s.how !== 'arg')) return false;
  return rolePair(ctx, open);
}

/** True when the bracket at `open` has two elements and the first names a role. */
export function rolePair(ctx: CodeContext, open: number): boolean {
  const first = ctx.firstOfTwo(open);
  return first >= 0 && roleOfWord(ctx.valueText(first)) !== undefined;
}

/**
 * couldReach()'s reasons in the frames from the bracket at `c` on (ctx.frames() of a slot whose container is `c`: up
 * to 6, stopping at a code block): a callee, a frame's slot, or a frame's slot with the frame after it. A function of
 * `c` and `min` only, so it is remembered per bracket (literals of one call, list or object ask once).
 */
export function framesReach(ctx: CodeContext, c: number, min: number): boolean {
  const q = min === 0.7 ? 0 : min === 0.85 ? 1 : -1;
  if (q < 0) return framesReachUncached(ctx, c, min);
  const known = ctx.remembered(c, q);
  if (known >= 0) return known === 1;
  const r = framesReachUncached(ctx, c, min);
  ctx.remember(c, q, r ? 1 : 0);
  return r;
}

function framesReachUncached(ctx: CodeContext, c: number, min: number): boolean {
  for (let n = 0; c >= 0; n++) {
    // frame n (what it can give is read once per bracket: reachOf)
    if (ctx.kindOf(c) === 'block') return false;
    const r = reachOf(ctx, c);
    if ((r & R_CALL) !== 0 && EV_VALUE[(r >> R_EV_SHIFT) & 3] >= min) return true;
    if ((r & R_KEY) !== 0 || ((r & R_NAME) !== 0 && min < 0.85)) return true;
    // frame n + 1, if frames() would read it
    const next = ctx.remembered(c, Q_NEXT);
    if (next < 0 || n + 1 >= 6) return false;
    if (ctx.kindOf(next) === 'block') return false;
    if ((r & R_ROLE_NEXT) !== 0) return true;
    c = next;
  }
  return false;
}

/**
 * framesReach() as first written, on the frames themselves (kept as the reference of the property test): what
 * framesReachUncached() reads from reachOf() is this loop's f.kind, calleeEvidence(f.callee), slotReaches(f.slot),
 * f.slot.container, g.kind and roleFirst(f.slot, g).
 */
export function framesReachPlain(ctx: CodeContext, c: number, min: number): boolean {
  for (let n = 0; c >= 0; n++) {
    const f = ctx.frameOf(c);
    if (f.kind === 'block') return false;
    if (f.kind === 'call' && f.callee && calleeEvidence(f.callee) >= min) return true;
    const s = f.slot;
    if (slotReaches(s, min)) return true;
    const next = s.container;
    if (next < 0 || n + 1 >= 6) return false;
    const g = ctx.frameOf(next);
    if (g.kind === 'block') return false;
    if (roleFirst(ctx, s, g.open)) return true;
    c = next;
  }
  return false;
}

/** reachOf() bits: computed, a call, the callee's evidence (EV_VALUE index), a slot key among EVIDENCE_KEYS, a slot name scoring >= 0.7, the second of a role pair in the next frame. */
const R_DONE = 1;
const R_CALL = 2;
const R_EV_SHIFT = 2;
const R_KEY = 16;
const R_NAME = 32;
const R_ROLE_NEXT = 64;
const EV_VALUE = [0, 0.7, 0.85];
/** remembered() questions of a bracket: framesReach answers for 0.7 and 0.85 (0, 1), reachOf bits (2), the next frame's bracket (3). */
const Q_REACH = 2;
const Q_NEXT = 3;

/**
 * What the (non-block) frame of the bracket at `c` can give framesReach(), read once per bracket without building the
 * frame: its kind, calleeEvidence() of its callee (calleeEvidenceAt), slotReaches() of its slot (read from its case
 * and name: slotReaches is false for the cases without a name), and whether roleFirst() holds between its slot
 * and the next frame (only a slot after a comma has index 1). The next frame's bracket (f.slot.container) is
 * remembered too.
 */
function reachOf(ctx: CodeContext, c: number): number {
  const known = ctx.remembered(c, Q_REACH);
  if (known >= 0) return known;
  let r = R_DONE;
  // a call ending with an identifier: the first identifier of its callee chain
  let first = -1;
  if (ctx.kindOf(c) === 'call') {
    first = ctx.calleeFirst(c);
    const ev = calleeEvidenceAt(ctx, c, first);
    r |= R_CALL | ((ev >= 0.85 ? 2 : ev >= 0.7 ? 1 : 0) << R_EV_SHIFT);
  }
  const a = ctx.frameStart(c, first);
  const p = ctx.before(a);
  const sc = ctx.slotCase(a, ctx.match[c] + 1, p);
  const how = SLOT_HOW[sc];
  if (how !== undefined) {
    const name = ctx.slotName(a, p, sc);
    if (nameReaches(how, name, 0.85)) r |= R_KEY;
    else if (nameReaches(how, name, 0.7)) r |= R_NAME;
  }
  const next = ctx.parent[a];
  if (sc === SlotCase.Comma && ctx.kindOf(next) !== 'block' && ctx.elemIndex(a) === 1 && rolePair(ctx, next)) r |= R_ROLE_NEXT;
  ctx.remember(c, Q_NEXT, next);
  ctx.remember(c, Q_REACH, r);
  return r;
}

/**
 * calleeEvidence() of the callee of the call at `open`, without building the callee's name when no identifier of its
 * chain can give evidence: every pattern calleeEvidence() tests either matches inside one identifier of the chain
 * (role callees, templates, prompt-argument calls, Message/Content/Prompt: each contains, ASCII case aside, one of
 * EVIDENCE_PARTS) or is the last identifier exactly (EVIDENCE_LAST: Map.of, model calls taking a user prompt, run).
 */
function calleeEvidenceAt(ctx: CodeContext, open: number, first: number): number {
  const { T } = ctx;
  if (first >= 0) {
    const src = T.src;
    const last = ctx.calleeLastOf(open);
    // (a word is in EVIDENCE_LAST only if its letter set is one of theirs; a part is in an identifier only if its letters are)
    if (EVIDENCE_LAST_MASKS.has(letterMask(src, T.s[last], T.e[last])) && T.wordInQuick(last, EVIDENCE_LAST)) return calleeEvidence(calleeAt(ctx, open)!.name);
    for (let q = first; q <= last; q += 2) {
      const m = letterMask(src, T.s[q], T.e[q]);
      let maybe = false;
      for (let k = 0; k < PART_MASKS.length && !maybe; k++) maybe = (m & PART_MASKS[k]) === PART_MASKS[k];
      if (maybe && hasEvidencePart(src, T.s[q], T.e[q])) return calleeEvidence(calleeAt(ctx, open)!.name);
    }
    return 0;
  }
  return calleeEvidence(calleeAt(ctx, open)!.name);
}

/** calleeEvidenceAt() of the call at `open` (for the property test, which compares it with calleeEvidence() of calleeAt()). */
export function calleeEvidenceOfCall(ctx: CodeContext, open: number): number {
  return calleeEvidenceAt(ctx, open, ctx.calleeFirst(open));
}

/** Lowercase parts of which every identifier matching a pattern of calleeEvidence() contains one (see calleeEvidenceAt). */
const EVIDENCE_PARTS = ['message', 'content', 'prompt', 'system', 'user', 'assistant', 'developer', 'human', 'template', 'fewshot', 'add_function'];
/** Last identifiers of a callee that calleeEvidence() matches as a whole (MAP_OF, USER_PROMPT_CALL, RUN_CALL). */
const EVIDENCE_LAST_WORDS = ['of', 'mapOf', 'hashMapOf', 'dict', 'Map', 'generate_content', 'generateContent', 'GenerateContent', 'generateContentStream', 'GenerateContentStream', 'invoke', 'ainvoke', 'predict', 'run_sync', 'arun', 'complete', 'chat', 'ask', 'call', 'send_message', 'sendMessage', 'sendMessageStream', 'run'];
const EVIDENCE_LAST = wordSet(EVIDENCE_LAST_WORDS);

/** The ASCII letters of src[s, e), case aside, as bits (a = 1, b = 2, …). */
export function letterMask(src: string, s: number, e: number): number {
  let m = 0;
  for (let i = s; i < e; i++) {
    // (only ASCII letters have c | 32 in a..z)
    const c = src.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) m |= 1 << (c - 97);
  }
  return m;
}

const EVIDENCE_LAST_MASKS = new Set(EVIDENCE_LAST_WORDS.map((w) => letterMask(w, 0, w.length)));
const PART_MASKS = EVIDENCE_PARTS.map((w) => letterMask(w, 0, w.length));
/** EVIDENCE_PARTS by first letter code. */
const PARTS_BY_FIRST: Array<string[] | undefined> = [];
for (const w of EVIDENCE_PARTS) (PARTS_BY_FIRST[w.charCodeAt(0)] ??= []).push(w);

/** True when src[s, e), with ASCII letters lowercased, contains one of EVIDENCE_PARTS. */
export function hasEvidencePart(src: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const parts = PARTS_BY_FIRST[lower(src.charCodeAt(i))];
    if (parts === undefined) continue;
    for (const w of parts) {
      if (i + w.length > e) continue;
      let k = 1;
      while (k < w.length && lower(src.charCodeAt(i + k)) === w.charCodeAt(k)) k++;
      if (k === w.length) return true;
    }
  }
  return false;
}

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * The most a call with this callee can give to its arguments in callSite(), messageObject() and roleTuple(), as
 * couldReach() sees it: 0.85 for role messages, templates, prompt-argument calls, model calls taking a user prompt,
 * Map.of and Message/Content/Prompt calls; 0.7 for a `run`; 0 otherwise.
 */
export const calleeEvidence = memo((c: string): number => {
  if (roleOfCallee(c) || TEMPLATE_CALL.test(c) || PROMPT_ARG_CALL.test(c) || MAP_OF.test(c) || ROLE_ARG_CALL.test(c)) return 0.85;
  if (USER_PROMPT_CALL.test(c) && (LLM_CALL.test(c) || CONTENT_CALL.test(c))) return 0.85;
  return RUN_CALL.test(c) ? 0.7 : 0;
});

/** `class X(dspy.Signature):` right before the docstring. */
export function dspySignature(ctx: CodeContext, slot: Slot): boolean {
  const { T } = ctx;
  const j = slot.at ?? -1;
  if (j < 0 || T.kc(j - 1) !== K.Nl || T.v(j - 2) !== ':' || T.v(j - 3) !== ')') return false;
  const open = ctx.match[j - 3];
  if (open < 2 || T.v(open - 2) !== 'class') return false;
  for (let q = open + 1; q < j - 3; q++) if (T.kk[q] === K.Id && /Signature$/.test(T.v(q)!)) return true;
  return false;
}

function messageObject(ctx: CodeContext, slot: Slot, frames: Frame[], found: (b: number, why: string, r?: PromptRole) => void): void {
  for (let k = 0; k < frames.length && k < 4; k++) {
    const f = frames[k];
    if (f.kind !== 'object' && f.kind !== 'call') continue;
    const via = k === 0 ? slot : frames[k - 1].slot;
    if ((via.how !== 'key' && via.how !== 'kwarg') || !CONTENT_KEYS.has(normKey(via.name))) continue;
    const keys = ctx.keysOf(f.open);
    const roleAt = keys.get('role');
    let role = roleAt !== undefined ? roleOfWord(ctx.valueText(roleAt)) : undefined;
    if (!role && f.kind === 'object' && f.callee) role = roleOfCallee(f.callee.replace(/Param$|Params$/, ''));
    if (role) {
      found(0.95, `message {role: ${role}, ${via.name}}`, role);
      return;
    }
    if (k === 0 && normKey(via.name) === 'text' && /^text$/i.test(ctx.valueText(keys.get('type') ?? -1) ?? '')) continue; // content block: role further out
  }
  // Map.of("role", "system", "content", "…") / mapOf("role" to "system", …)
  const f = frames[0];
  if (f?.kind === 'call' && /(?:^|\.)(?:of|mapOf|hashMapOf|dict|Map)$/.test(f.callee ?? '') && slot.how === 'arg') {
    const args = ctx.elementStarts(f.open);
    const at = args.findIndex((s) => ctx.T.kc(s) === K.Str && ctx.T.v(s) === 'role');
    const ci = args.findIndex((s) => ctx.T.kc(s) === K.Str && ctx.T.v(s) === 'content');
    const role = at >= 0 ? roleOfWord(ctx.valueText(args[at + 1] ?? -1)) : undefined;
    if (role && ci >= 0 && slot.index === ci + 1) found(0.93, `message map role=${role}`, role);
  }
}

function roleTuple(ctx: CodeContext, slot: Slot, frames: Frame[], found: (b: number, why: string, r?: PromptRole) => void): void {
  const f = frames[0];
  if (!f || slot.index !== 1 || (slot.how !== 'elem' && slot.how !== 'arg')) return;
  const args = ctx.elementStarts(f.open);
  if (args.length !== 2) return;
  const first = ctx.valueText(args[0]);
  const role = roleOfWord(first);
  if (!role) return;
  if (f.kind === 'tuple' || f.kind === 'list') found(0.92, `message tuple ("${first}", …)`, role);
  else if (f.kind === 'call' && /Message|Content|Prompt/.test(f.callee ?? '')) found(0.92, `${f.callee}(${first}, …)`, role);
}

/** SDK call arguments: kwargs/keys (possibly through nested option objects) and positional message/template arguments. */
function callSite(slot: Slot, frames: Frame[], found: (b: number, why: string, r?: PromptRole, strong?: boolean) => void, out: Structural): Frame | undefined {
  let call: Frame | undefined;
  let key: string | undefined;
  if (slot.how === 'kwarg' && frames[0]?.kind === 'call') {
    call = frames[0];
    key = slot.name;
  } else if (slot.how === 'key') {
    key = slot.name;
    for (let k = 0; k < frames.length && k < 4; k++) {
      const f = frames[k];
      if (f.kind === 'call') { call = f; break; }
      if (f.kind !== 'object' || !['arg', 'key', 'kwarg'].includes(f.slot.how)) break;
      if (f.callee && LLM_CALL.test(f.callee)) { call = f; break; } // Go/Kotlin typed options: openai.ChatCompletionRequest{…}
    }
  } else if (slot.how === 'arg' && frames[0]?.kind === 'call') {
    call = frames[0];
  }
  if (!call || !call.callee) return call;
  const callee = call.callee;
  if (call.calleeKeyword === 'def' || call.calleeKeyword === 'function' || call.calleeKeyword === 'fun' || call.calleeKeyword === 'func') return undefined;
  const llm = LLM_CALL.test(callee);
  const maybe = !llm && MAYBE_LLM_CALL.test(callee);
  const tmpl = TEMPLATE_CALL.test(callee);
  if (key !== undefined) {
    const k = normKey(key);
    if (SYSTEM_KEYS.has(k) && (k !== 'system' || llm || maybe || tmpl)) found(llm || maybe || tmpl ? 0.93 : 0.8, `${callee}(${key}=…)`, k === 'developermessage' ? 'developer' : 'system');
    else if (k === 'system') found(0.6, `${callee}(${key}=…)`, 'system', false);
    else if (USER_KEYS.has(k) && (llm || (maybe && k !== 'query' && k !== 'message' && k !== 'input'))) found(llm ? 0.9 : 0.75, `${callee}(${key}=…)`, 'user', llm);
    else if ((k === 'template' || k === 'prefix' || k === 'suffix') && tmpl) found(0.92, `${callee}(${key}=…)`);
    else if (k === 'content' && roleOfCallee(callee)) found(0.93, `${callee}(content=…)`, roleOfCallee(callee));
    else if ((k === 'template' || k === 'prompt') && !NEGATIVE_CALL.test(callee)) found(0.6, `${callee}(${key}=…)`, undefined, false);
    return call;
  }
  if (slot.index === 0 || slot.index === undefined) {
    const role = roleOfCallee(callee);
    if (role) { found(0.93, `${call.calleeKeyword === '@' ? '@' : ''}${callee}(…)`, role); return call; }
    if (tmpl) { found(0.92, `${callee}(…)`); return call; }
  }
  const content = /[gG]enerate_?[cC]ontent|chat\.send_?[mM]essage/.test(callee);
  if (PROMPT_ARG_CALL.test(callee)) found(0.88, `${callee}(…)`, 'user');
  else if (USER_PROMPT_CALL.test(callee) && (slot.index === 0 || content || /run/.test(callee))) {
    if (llm || content) found(0.88, `${callee}(…)`, 'user');
    else if (maybe) found(0.6, `${callee}(…)`, 'user', false);
  } else if (slot.index === 1 && /(?:^|\.)(?:run|run_sync|Runner\.run)$/.test(callee)) found(0.8, `${callee}(agent, …)`, 'user', false);
  out.name = out.name ?? callee;
  return call;
}

function negativeCall(frames: Frame[], slot: Slot): string | undefined {
  for (let k = 0; k < frames.length && k < 3; k++) {
    const f = frames[k];
    if (f.kind === 'call') {
      if (f.calleeKeyword === 'raise' || f.calleeKeyword === 'throw') return `${f.calleeKeyword} ${f.callee}`;
      if (f.callee && NEGATIVE_CALL.test(f.callee)) return `argument of ${f.callee}`;
      return undefined;
    }
    if (f.kind === 'object' && f.callee && /(?:Command|Flag|Option|Error|Exception|Response)$/.test(f.callee)) return `field of ${f.callee}`;
  }
  if (slot.before === 'raise' || slot.before === 'throw' || slot.before === 'assert' || slot.before === 'print') return `${slot.before} statement`;
  return undefined;
}

/** Literal model id at the call site: model=/model: keys, model("…") builder steps, openai("gpt-4o"), GenerativeModel("gemini-…"). */
export function modelNear(ctx: CodeContext, frames: Frame[]): string | undefined {
  for (let k = 0; k < frames.length && k < 6; k++) {
    const f = frames[k];
    if (f.kind === 'block') break;
    const keys = ctx.keysOf(f.open);
    for (const key of ['model', 'model_name', 'modelname', 'model_id', 'modelid', 'deployment_name', 'azure_deployment', 'engine']) {
      const at = keys.get(key);
      if (at === undefined) continue;
      const tk = ctx.T.kc(at);
      if (tk === K.Str) return ctx.T.v(at);
      if (tk === K.Id) {
        let j = at;
        while (ctx.T.v(j + 1) === '.' && ctx.T.kc(j + 2) === K.Id) j += 2;
        if (ctx.T.v(j + 1) === '(') {
          const m = ctx.firstStringArg(j + 1);
          if (m) return m;
        }
      }
    }
    if (f.kind === 'call' && /GenerativeModel|ChatOpenAI|ChatAnthropic|init_chat_model|initChatModel|getModel|languageModel/.test(f.callee ?? '')) {
      const m = ctx.firstStringArg(f.open);
      if (m) return m;
    }
    if (f.kind === 'call') {
      const m = builderModel(ctx, f.start);
      if (m) return m;
    }
  }
  return undefined;
}

/** `….model("gpt-4o").addSystemMessage(…)`: the model step earlier in a builder chain. */
function builderModel(ctx: CodeContext, start: number): string | undefined {
  let j = start;
  for (let hops = 0; hops < 15; hops++) {
    if (ctx.T.v(j - 1) !== '.' || ctx.T.v(j - 2) !== ')') return undefined;
    const open = ctx.match[j - 2];
    if (open < 1) return undefined;
    if (ctx.T.kc(open - 1) !== K.Id) return undefined;
    if (/^(?:model|modelName|modelId|withModel)$/.test(ctx.T.v(open - 1)!)) return ctx.firstStringArg(open);
    j = open - 1;
    while (ctx.T.v(j - 1) === '.' && ctx.T.kc(j - 2) === K.Id && ctx.T.v(j - 3) !== ')') j -= 2;
  }
  return undefined;
}
