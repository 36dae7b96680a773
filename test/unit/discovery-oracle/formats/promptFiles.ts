/**
 * Dedicated prompt files, recognised by name, place and content:
 * - `.prompty`: front matter + Jinja body; one prompt per `system:`/`user:`/`assistant:` section (with its
 *   role), or one for the whole body when it has no role lines.
 * - Dotprompt `.prompt` (front matter and/or Handlebars): one prompt for the body. The unrelated `.prompt`
 *   DSL (`init do … end init`, `@vars`) is not a prompt file.
 * - Jinja / Mustache / Handlebars templates: prompts under a prompt folder, or elsewhere when the text
 *   reads like a prompt and not like HTML or a config file.
 * - Semantic Kernel `skprompt.txt`, Markdown/text under `prompts/`, `*.prompt.md`, Fabric `patterns/x/system.md`.
 */
import { contentSignals, templateSyntaxOf } from '../content';
import { field } from '../frontMatter';
import { baseName } from '../lines';
import { PROMPT_DIR, pathParts } from '../paths';
import type { PromptRole, RawPrompt, TemplateSyntax } from '../types';
import { bodyAt, bodyOf, spanPrompt } from './body';

const ROLE_LINE = /^[ \t]*#?[ \t]*(system|user|assistant|developer|human)[ \t]*:[ \t]*\r?$/gim;

export function detectPromptFile(path: string, text: string): RawPrompt[] {
  const { dirs, base, ext } = pathParts(path);
  const lower = base.toLowerCase();
  const inPromptDir = dirs.some((d) => PROMPT_DIR.test(d));
  if (ext === 'prompty') return prompty(path, text);
  if (ext === 'prompt') return dotprompt(path, text, inPromptDir);
  if (lower === 'skprompt.txt') return whole(text, { format: 'skprompt', name: dirs[dirs.length - 1] ?? base, confidence: 0.95, evidence: ['Semantic Kernel skprompt.txt'], templateSyntax: 'sk' });
  if (ext === 'j2' || ext === 'jinja' || ext === 'jinja2') return template(path, text, inPromptDir, 'jinja');
  if (ext === 'mustache') return template(path, text, inPromptDir, 'mustache');
  if (ext === 'hbs' || ext === 'handlebars') return template(path, text, inPromptDir, 'handlebars');
  // markdown and text
  const fabric = (lower === 'system.md' || lower === 'user.md') && dirs.includes('patterns');
  const role: PromptRole | undefined = lower.startsWith('system') ? 'system' : lower === 'user.md' ? 'user' : undefined;
  const named = /\.prompt\.(?:md|txt)$/.test(lower);
  const body = bodyOf(text);
  if (!body) return [];
  const c = contentSignals(body.text);
  const format = ext === 'txt' ? 'text' : 'markdown';
  if (inPromptDir || fabric || named) {
    const evidence = [inPromptDir ? 'under a prompts folder' : fabric ? 'Fabric pattern' : 'named *.prompt.*'];
    const conf = c.shape === 'html' || c.shape === 'code' ? 0.45 : 0.9;
    return whole(text, { format, name: base, confidence: conf, evidence, role, templateSyntax: templateSyntaxOf(body.text, 'none'), frequency: named ? 'on-demand' : undefined });
  }
  // system.md, instructions.md and the like elsewhere: only when the text reads like a prompt
  if (c.score < 0.4 || c.shape) return [];
  return whole(text, { format, name: base, confidence: 0.55 + 0.35 * c.score, evidence: [`named ${base}`, ...c.reasons.slice(0, 2)], role, templateSyntax: templateSyntaxOf(body.text, 'none') });
}

type FileMeta = Omit<RawPrompt, 'kind' | 'text' | 'startOffset' | 'endOffset'>;

function whole(text: string, meta: FileMeta): RawPrompt[] {
  const body = bodyOf(text);
  if (!body) return [];
  const p = spanPrompt(text, body.start, body.end, { kind: 'prompt-file', ...meta });
  return p ? [p] : [];
}

function modelOf(text: string): string | undefined {
  const fm = bodyOf(text)?.fm;
  for (const k of ['model', 'model.id', 'model.name', 'model.configuration.name', 'model.configuration.azure_deployment', 'model.configuration.model', 'model.parameters.model']) {
    const f = field(fm, k);
    if (f && f.value.trim() !== '' && !/^\$\{/.test(f.value)) return f.value.trim().replace(/^[\w-]+\/(?=[\w.-]+$)/, (m) => (/^(googleai|vertexai|openai|anthropic)\//.test(m) ? '' : m));
  }
  return undefined;
}

function prompty(path: string, text: string): RawPrompt[] {
  const body = bodyOf(text);
  if (!body) return [];
  const name = field(body.fm, 'name')?.value.trim() || baseName(path);
  const model = modelOf(text);
  const base = { kind: 'prompt-file' as const, format: 'prompty', templateSyntax: 'jinja' as TemplateSyntax, model };
  const marks: Array<{ role: PromptRole; at: number; after: number }> = [];
  ROLE_LINE.lastIndex = body.start;
  for (let m = ROLE_LINE.exec(text); m; m = ROLE_LINE.exec(text)) {
    const w = m[1].toLowerCase();
    marks.push({ role: w === 'human' ? 'user' : (w as PromptRole), at: m.index, after: m.index + m[0].length });
    if (m[0].length === 0) ROLE_LINE.lastIndex++;
  }
  if (marks.length === 0) {
    const p = spanPrompt(text, body.start, body.end, { ...base, name, confidence: 0.95, evidence: ['.prompty file'] });
    return p ? [p] : [];
  }
  const out: RawPrompt[] = [];
  const lead = spanPrompt(text, body.start, marks[0].at, { ...base, name, confidence: 0.9, evidence: ['.prompty text before the first role line'], role: 'system' });
  if (lead) out.push(lead);
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].at : body.end;
    const p = spanPrompt(text, m.after, end, { ...base, name: `${name} ${m.role}`, confidence: 0.95, evidence: [`.prompty ${m.role}: section`], role: m.role });
    if (p) out.push({ ...p, templateSyntax: templateSyntaxOf(p.text, 'jinja') });
  });
  return out;
}

function dotprompt(path: string, text: string, inPromptDir: boolean): RawPrompt[] {
  const body = bodyOf(text);
  if (!body) return [];
  // the other `.prompt` DSL: `init do … end init`, `@var`, `vary @x do`
  if (/^[ \t]*init\s+do\b/m.test(text) || /^[ \t]*end\s+init\b/m.test(text) || /^[ \t]*vary\s+@\w+\s+do\b/m.test(text)) return [];
  const handlebars = /\{\{[^{}]{0,200}\}\}/.test(body.text.slice(0, 50_000));
  const name = field(body.fm, 'name')?.value.trim() || baseName(path).replace(/\.prompt$/, '');
  if (body.fm || handlebars) {
    const evidence = [body.fm ? 'Dotprompt front matter' : 'Handlebars body', ...(field(body.fm, 'model') ? [`model: ${field(body.fm, 'model')!.value}`] : [])];
    return whole(text, { format: 'dotprompt', name, confidence: body.fm ? 0.95 : 0.85, evidence, templateSyntax: 'handlebars', model: modelOf(text) });
  }
  // a plain-text .prompt (e.g. prompt-driven development): a prompt when it reads like one
  const c = contentSignals(body.text);
  if (c.shape || (c.score < 0.25 && !inPromptDir)) return [];
  return whole(text, { format: 'prompt-text', name, confidence: 0.6 + 0.3 * c.score, evidence: ['.prompt text file', ...c.reasons.slice(0, 2)], templateSyntax: templateSyntaxOf(body.text, 'none') });
}

function template(path: string, text: string, inPromptDir: boolean, syntax: 'jinja' | 'mustache' | 'handlebars'): RawPrompt[] {
  const body0 = bodyOf(text);
  if (!body0) return [];
  // leading template comments ({# … #}, {{! … }}) never reach the model
  const lead = /^(?:\s*(?:\{#[\s\S]*?#\}|\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}))+/.exec(body0.text.slice(0, 20_000));
  const body = lead ? bodyAt(text, body0.start + lead[0].length, body0.end) : body0;
  if (!body) return [];
  // read the text with template tags blanked so {% if %} / {{#each}} don't look like code
  const plain = body.text.replace(/\{%[\s\S]{0,400}?%\}|\{#[\s\S]{0,400}?#\}|\{\{[\s\S]{0,200}?\}\}/g, ' ');
  const c = contentSignals(plain);
  const roleMarkers = /^[ \t]*#?[ \t]*(?:system|user|assistant)[ \t]*:[ \t]*$/im.test(body.text);
  const name = baseName(path);
  if (c.shape === 'html' || c.shape === 'email' || c.shape === 'sql') return [];
  const at = (meta: Omit<RawPrompt, 'kind' | 'text' | 'startOffset' | 'endOffset'>): RawPrompt[] => {
    const p = spanPrompt(text, body.start, body.end, { kind: 'prompt-file', ...meta });
    return p ? [p] : [];
  };
  if (inPromptDir && c.shape !== 'code') return at({ format: syntax, name, confidence: 0.9, evidence: ['template under a prompts folder'], templateSyntax: syntax });
  if (c.shape) return [];
  const score = c.score + (roleMarkers ? 0.3 : 0);
  const need = syntax === 'jinja' ? 0.35 : 0.45;
  if (score < need) return [];
  return at({ format: syntax, name, confidence: Math.min(0.9, 0.5 + 0.4 * score), evidence: [`${syntax} template that reads like a prompt`, ...c.reasons.slice(0, 2)], templateSyntax: syntax });
}
