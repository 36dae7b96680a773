/**
 * Structural evidence for a string expression: message objects, role tuples, SDK call arguments, enclosing
 * keys and names, references from call sites, and the negative contexts (logging, errors, SQL, i18n, help).
 */
import type { PromptRole } from '../types';
import { CodeContext, Frame, Slot } from './context';
import { K } from './tokens';
import { LLM_CALL, MAYBE_LLM_CALL, NEGATIVE_CALL, NEGATIVE_KEYS, normKey, nameScore, PROMPT_ARG_CALL, roleOfCallee, roleOfWord, SYSTEM_KEYS, TEMPLATE_CALL, TEXT_WRAPPERS, USER_KEYS, USER_PROMPT_CALL } from './vocab';

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

export const CONTENT_KEYS = new Set(['content', 'text', 'parts', 'message', 'value', 'contents', 'prompt']);

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
