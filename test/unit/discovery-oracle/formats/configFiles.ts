/**
 * Prompts in YAML/JSON: promptfoo `prompts:` entries, values of prompt-ish keys (`system_prompt`,
 * `instructions`, `template`, `prompt`, …) and `content` of `{role, content}` messages.
 */
import { contentSignals, countWords, templateSyntaxOf } from '../content';
import { scanJson } from '../jsonScan';
import { baseName, trimRange } from '../lines';
import { scanYaml, YamlScalar } from '../yamlScan';
import { nameScore, nameWords, normKey, roleOfWord } from '../code/vocab';
import type { PromptRole, RawPrompt } from '../types';

const STRONG_KEYS = new Set(['systemprompt', 'systemmessage', 'systeminstruction', 'systeminstructions', 'instructions', 'instruction', 'prompt', 'prompttemplate', 'userprompt', 'developerprompt', 'assistantprompt', 'developermessage', 'humanprompt']);
const WEAK_KEYS = new Set(['system', 'template', 'preamble', 'persona', 'prefix', 'suffix', 'raw', 'user', 'context']);
const CONTENT_KEYS = new Set(['content', 'text', 'prompt', 'value', 'template']);
const MAX_SCALARS = 20_000;

export function detectConfigFile(path: string, text: string, syntax: 'yaml' | 'json'): RawPrompt[] {
  const scalars = (syntax === 'yaml' ? scanYaml(text) : scanJson(text)).slice(0, MAX_SCALARS);
  const promptfoo = /^promptfooconfig\.(?:ya?ml|json)$/i.test(baseName(path)) || text.slice(0, 2000).includes('promptfoo.dev/config-schema');
  const byParent = new Map<number, Map<string, string>>();
  for (const s of scalars) {
    const key = s.path[s.path.length - 1];
    if (typeof key !== 'string') continue;
    let m = byParent.get(s.parent);
    if (!m) byParent.set(s.parent, (m = new Map()));
    m.set(normKey(key), s.value.trim());
  }
  // keys present next to each key, whatever their values are (lists and maps included)
  const childKeys = new Map<string, Set<string>>();
  for (const s of scalars) {
    for (let d = 0; d < s.path.length && d < 12; d++) {
      const k = s.path[d];
      if (typeof k !== 'string') continue;
      const at = JSON.stringify(s.path.slice(0, d));
      let set = childKeys.get(at);
      if (!set) childKeys.set(at, (set = new Set()));
      set.add(normKey(k));
    }
  }
  const out: RawPrompt[] = [];
  for (const s of scalars) {
    const siblings = childKeys.get(JSON.stringify(s.path.slice(0, -1))) ?? new Set<string>();
    const p = (promptfoo ? promptfooValue(text, s) : undefined) ?? knownShape(text, s, siblings, syntax) ?? judgeValue(text, s, byParent, siblings, syntax);
    if (p) out.push(p);
  }
  return out;
}

/** Known config shapes: CrewAI agents (role/goal/backstory) and tasks (description/expected_output), Semantic Kernel and LangChain templates. */
function knownShape(text: string, s: YamlScalar, siblings: Set<string>, syntax: 'yaml' | 'json'): RawPrompt | undefined {
  const key = s.path[s.path.length - 1];
  if (typeof key !== 'string') return undefined;
  const k = normKey(key);
  const meta = (why: string, role?: PromptRole): Meta => ({ format: `${syntax}-key`, name: s.path.filter((p) => typeof p === 'string').join('.'), confidence: 0.92, evidence: [why], role, syntaxHint: undefined });
  if ((k === 'goal' || k === 'backstory') && siblings.has('goal') && siblings.has('backstory')) return wordy(s) ? make(text, s, meta('CrewAI agent goal/backstory', 'system')) : undefined;
  if ((k === 'description' || k === 'expectedoutput') && siblings.has('expectedoutput') && siblings.has('description')) return wordy(s) ? make(text, s, meta('CrewAI task description/expected_output', 'user')) : undefined;
  if (k === 'template' && (siblings.has('templateformat') || siblings.has('inputvariables'))) return wordy(s) ? make(text, s, { ...meta('prompt template config (template_format / input_variables)'), syntaxHint: undefined }) : undefined;
  return undefined;
}

const wordy = (s: YamlScalar): boolean => countWords(s.value.trim()) >= 3;

function promptfooValue(text: string, s: YamlScalar): RawPrompt | undefined {
  if (s.path[0] !== 'prompts') return undefined;
  const last = s.path[s.path.length - 1];
  const isItem = (s.path.length === 2 && typeof last === 'number') || s.path.length === 1 || (s.path.length === 3 && (last === 'raw' || last === 'content' || last === 'prompt'));
  if (!isItem) return undefined;
  const v = s.value.trim();
  if (v === '' || /^file:\/\//.test(v) || (!/\s/.test(v) && /\.(?:txt|md|j2|json|ya?ml|js|py|prompt)$/.test(v))) return undefined;
  return make(text, s, { format: 'promptfoo', name: `prompts[${s.path[1] ?? 0}]`, confidence: 0.93, evidence: ['promptfoo prompts: entry'], syntaxHint: 'jinja' });
}

function judgeValue(text: string, s: YamlScalar, byParent: Map<number, Map<string, string>>, keysNear: Set<string>, syntax: 'yaml' | 'json'): RawPrompt | undefined {
  const key = s.path[s.path.length - 1];
  if (typeof key !== 'string') {
    // list items under a prompt-ish key: instructions: ["…", "…"]
    const owner = s.path[s.path.length - 2];
    if (typeof owner !== 'string' || !STRONG_KEYS.has(normKey(owner))) return undefined;
    return judgeText(text, s, owner, 0.75, syntax);
  }
  const k = normKey(key);
  const siblings = byParent.get(s.parent);
  const role = roleOfWord(siblings?.get('role'));
  if (role && CONTENT_KEYS.has(k)) {
    const words = countWords(s.value.trim());
    if (words < 2) return undefined;
    return make(text, s, { format: `${syntax}-key`, name: `${role} message`, confidence: 0.93, evidence: [`message {role: ${role}, ${key}}`], role, syntaxHint: undefined });
  }
  if (k === 'template' && siblings?.get('type') === 'prompt') return make(text, s, { format: `${syntax}-key`, name: key, confidence: 0.93, evidence: ['serialized LangChain prompt template'], syntaxHint: 'fstring' });
  const ns = nameScore(key);
  if (STRONG_KEYS.has(k) || (k.endsWith('prompt') && ns.score > 0) || (k.endsWith('instructions') && ns.score > 0)) {
    // "instructions" is also a word of recipes, forms and manuals: without model settings nearby the text must read like a prompt
    const llmNearby = [...keysNear].some((x) => /prompt|model|temperature|maxtokens|tools|llm|provider|system|fewshot|agent/.test(x));
    if (/instruction/.test(k) && !llmNearby && contentSignals(s.value).score < 0.15) return undefined;
    return judgeText(text, s, key, 0.78, syntax);
  }
  if (WEAK_KEYS.has(k) || (ns.score > 0 && nameWords(key).some((w) => w === 'template' || w === 'system'))) return judgeText(text, s, key, 0.35, syntax);
  // values nested under a prompt-ish key: prompts: {summarize: "…"}
  const owner = s.path.slice(0, -1).reverse().find((p): p is string => typeof p === 'string');
  if (owner && (normKey(owner) === 'prompts' || normKey(owner).endsWith('prompts') || normKey(owner) === 'systemprompts')) return judgeText(text, s, `${owner}.${key}`, 0.7, syntax);
  return undefined;
}

function judgeText(text: string, s: YamlScalar, key: string, base: number, syntax: 'yaml' | 'json'): RawPrompt | undefined {
  const v = s.value.trim();
  const c = contentSignals(v);
  if (c.words < 3) return undefined;
  if (v.length < 40 && !(base >= 0.75 && v.length >= 15 && c.words >= 3)) return undefined;
  if (c.shape) return undefined;
  let conf = base + (1 - base) * c.score * 0.6;
  if (base < 0.5 && c.score < 0.35) return undefined;
  if (c.score < 0.1) conf *= 0.8;
  const role: PromptRole | undefined = /system|instruction/i.test(key) ? 'system' : /user|human/i.test(key) ? 'user' : undefined;
  return make(text, s, { format: `${syntax}-key`, name: key, confidence: conf, evidence: [`key ${key}`, ...c.reasons.slice(0, 2)], role, syntaxHint: undefined });
}

interface Meta { format: string; name: string; confidence: number; evidence: string[]; role?: PromptRole; syntaxHint?: 'jinja' | 'fstring' }

function make(text: string, s: YamlScalar, m: Meta): RawPrompt | undefined {
  const r = trimRange(text, s.start, s.end);
  if (!r) return undefined;
  const value = s.value.trim();
  if (value === '') return undefined;
  return {
    kind: 'config-value',
    format: m.format,
    name: m.name,
    text: value,
    startOffset: r[0],
    endOffset: r[1],
    confidence: m.confidence,
    evidence: m.evidence,
    role: m.role,
    templateSyntax: templateSyntaxOf(value, m.syntaxHint),
  };
}
