/**
 * What evidence the structure around an expression could give, read cheaply before structural() (evidence.ts) is
 * asked: couldReach() for a slot, framesReach() for the brackets around it (per-bracket reach bits, remembered in the
 * context's caches), and calleeEvidence() of a call's callee (decided from the callee chain without naming it when no
 * identifier of the chain can give any). Each is an over-approximation of structural(): false means certainly not.
 */
import { calleeAt } from './brackets';
import { CodeContext, Slot, SLOT_HOW, SlotCase, SlotHow } from './context';
import { CONTENT_KEYS, dspySignature } from './evidence';
import { K, wordSet } from './tokens';
import { LLM_CALL, memo, nameScore, normKey, PROMPT_ARG_CALL, roleOfCallee, roleOfWord, SYSTEM_KEYS, TEMPLATE_CALL, USER_KEYS, USER_PROMPT_CALL } from './vocab';

const MAP_OF = /(?:^|\.)(?:of|mapOf|hashMapOf|dict|Map)$/;
const ROLE_ARG_CALL = /Message|Content|Prompt/;
const CONTENT_CALL = /[gG]enerate_?[cC]ontent|chat\.send_?[mM]essage/;
const RUN_CALL = /(?:^|\.)(?:run|run_sync|Runner\.run)$/;
/** Normalised keys through which structural() can reach a base of 0.7 or more (message content, SDK arguments, enclosing keys). */
const EVIDENCE_KEYS = new Set([...SYSTEM_KEYS, ...USER_KEYS, ...CONTENT_KEYS, 'template', 'prefix', 'suffix', 'content', 'messages', 'contents', 'history', 'examples']);

/**
 * False only when structural(ctx, slot0, ctx.frames(slot0)) certainly returns neither `strong` nor a base of `min` or more
 * (`min` is 0.85 or 0.7). A cheap over-approximation of structural() (evidence.ts; change both together): every found() of at least
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
  // (firstOfTwo() is open + 1 or -1: the role is looked at first, without counting the bracket's commas)
  return firstNamesRole(ctx, open + 1) && ctx.firstOfTwo(open) >= 0;
}

/**
 * Lowercase last letters of the words roleOfWord() knows (system, developer, user, human, assistant, ai, model, bot):
 * it strips a prefix from the last dotted segment and compares the rest, so a segment ending otherwise names no role.
 */
const ROLE_LAST = new Uint8Array(128);
for (const c of 'mrntil') ROLE_LAST[c.charCodeAt(0)] = 1;

/** roleOfWord(ctx.valueText(i)) !== undefined, ruling out most identifier chains by their last character first. */
function firstNamesRole(ctx: CodeContext, i: number): boolean {
  const { T } = ctx;
  const k = T.kc(i);
  if (k === K.Id) {
    let j = i;
    while (ctx.v(j + 1) === '.' && T.kc(j + 2) === K.Id) j += 2;
    const c = T.src.charCodeAt(T.e[j] - 1);
    // (a character >= 128, or the backtick closing a Kotlin `identifier`, whose value is inside, takes the plain path)
    if (c < 128 && c !== 96 && ROLE_LAST[c | 32] === 0) return false;
  } else if (k !== K.Str) return false;
  return roleOfWord(ctx.valueText(i)) !== undefined;
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
  if (sc === SlotCase.Comma && ctx.kindOf(next) !== 'block' && rolePair(ctx, next) && ctx.elemIndex(a) === 1) r |= R_ROLE_NEXT;
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
    if (EVIDENCE_LAST_MASKS.has(letterMask(src, T.s[last], T.e[last])) && T.wordIn(last, EVIDENCE_LAST)) return calleeEvidence(calleeAt(ctx, open)!.name);
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
