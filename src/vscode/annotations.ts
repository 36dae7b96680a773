import type { DetectedPrompt } from '../core/discovery/types';
import { parseInlineAnnotation } from '../core/slots/inline';
import type { InlineAnnotation } from '../core/slots/types';

/**
 * Writing `prompt-cost:` annotations (pure text logic, no vscode): set `model=` or `requests/day=`, or add
 * `ignore=<rule-id>`, in the prompt's existing annotation, or in a new comment placed where the core's parser finds
 * it, in the comment syntax of the file. Every change is checked by parsing the result with the core.
 */

export type AnnotationKey = 'model' | 'requests/day' | 'ignore';

/** Replace [start, end) of the document text with `text`. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const VALUE = String.raw`(?:"[^"]*"|'[^']*'|\d{1,3}(?:,\d{3})+(?:\.\d+)?[kKmM]?(?!\d)|[^\s,;]+)`;
const KEY_RE: Readonly<Record<Exclude<AnnotationKey, 'ignore'>, RegExp>> = {
  model: new RegExp(String.raw`\bmodel\s*=\s*${VALUE}`, 'gi'),
  'requests/day': new RegExp(String.raw`(?<![\w/.-])(?:requests[/_-]?(?:per[/_-]?)?(?:day|hour|minute|min)|req/(?:day|hour|min)|calls[/_-]?(?:per[/_-]?)?day|rpd|rph|rpm|requests)\s*=\s*${VALUE}`, 'gi'),
};

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
}

function indentAt(text: string, ls: number): string {
  return /^[ \t]*/.exec(text.slice(ls, ls + 200))![0];
}

/** Edits the existing annotation comment `[s, e)`. Undefined when nothing changes. */
function editExisting(doc: string, s: number, e: number, key: AnnotationKey, value: string): TextChange | undefined {
  const comment = doc.slice(s, e);
  const pair = `${key}=${value}`;
  let next: string;
  if (key === 'ignore') {
    if (new RegExp(String.raw`\bignore\s*=\s*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\w-])`, 'i').test(comment)) return undefined;
    next = append(comment, pair);
  } else {
    const re = KEY_RE[key];
    let first = true;
    next = comment.replace(re, () => (first ? ((first = false), pair) : '')).replace(/[ \t]{2,}/g, ' ');
    if (first) next = append(comment, pair);
  }
  return next === comment ? undefined : { start: s, end: e, text: next };
}

/** Adds ` key=value` before the comment's closer (`-->`, `#}`, `*\/`), else at its end. */
function append(comment: string, pair: string): string {
  const m = /\s*(?:-->|[-+]?#\}|\*\/)\s*$/.exec(comment);
  const at = m ? m.index : comment.replace(/\s+$/, '').length;
  return `${comment.slice(0, at)} ${pair}${comment.slice(at)}`;
}

/** The line holding the literal's opener (a quote, `key: |`, a role line) right above or at the prompt's start. */
function anchorStart(doc: string, start: number): number {
  let i = start - 1;
  let lines = 0;
  while (i >= 0 && /\s/.test(doc[i])) {
    if (doc[i] === '\n') lines++;
    i--;
  }
  return i < 0 || lines > 2 ? lineStart(doc, start) : lineStart(doc, i);
}

/** Start of the closing `---` line of the document's front matter, when the prompt begins within two lines of it. */
function frontMatterClose(doc: string, start: number): number | undefined {
  if (!/^\uFEFF?---[ \t]*\r?\n/.test(doc)) return undefined;
  const m = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(doc.slice(3));
  if (!m) return undefined;
  const close = 3 + m.index + (m[0].startsWith('\r') ? 2 : 1);
  if (close > start) return undefined;
  const between = doc.slice(close, start).split('\n').length - 1;
  return between <= 2 ? close : undefined;
}

/** Where and how a new annotation comment goes; undefined where a file cannot hold comments (JSON). */
function newComment(doc: string, prompt: DetectedPrompt, languageId: string, pair: string): TextChange | undefined {
  const body = `prompt-cost: ${pair}`;
  if (prompt.kind === 'embedded' || prompt.kind === 'config-value') {
    if (/json/i.test(prompt.format) || /json/.test(languageId)) return undefined;
    const ls = anchorStart(doc, prompt.startOffset);
    const hash = /python|yaml|yml/i.test(prompt.format) || /python|yaml/.test(languageId);
    return { start: ls, end: ls, text: `${indentAt(doc, ls)}${hash ? '#' : '//'} ${body}\n` };
  }
  const fm = frontMatterClose(doc, prompt.startOffset);
  if (fm !== undefined) return { start: fm, end: fm, text: `# ${body}\n` };
  const ls = lineStart(doc, prompt.startOffset);
  const jinja = prompt.templateSyntax === 'jinja' || /prompty|jinja/i.test(prompt.format);
  return { start: ls, end: ls, text: `${indentAt(doc, ls)}${jinja ? `{# ${body} #}` : `<!-- ${body} -->`}\n` };
}

/**
 * The change that makes the prompt's annotation say `key=value` (for `ignore`: adds the rule id). Undefined when the
 * annotation already says so, or when the file cannot hold an annotation the core would find (then use the
 * `.promptcost.json` override instead).
 */
export function annotationChange(doc: string, prompt: DetectedPrompt, inline: InlineAnnotation | undefined, languageId: string, key: AnnotationKey, value: string): TextChange | undefined {
  const change = inline
    ? editExisting(doc, inline.range.startOffset, inline.range.endOffset, key, value)
    : newComment(doc, prompt, languageId, `${key}=${value}`);
  if (!change) return undefined;
  // Check with the core's parser that the prompt, where it will be, reads the new value.
  const next = doc.slice(0, change.start) + change.text + doc.slice(change.end);
  const d = change.text.length - (change.end - change.start);
  const shift = (o: number) => (o >= change.end ? o + d : o);
  const got = parseInlineAnnotation(next, shift(prompt.startOffset), shift(prompt.endOffset));
  const ok = key === 'model' ? got?.model === value
    : key === 'ignore' ? got?.ignore?.includes(value) === true
    : got?.requestsPerDay === Number(value);
  return ok ? change : undefined;
}

/** True when the file format can hold a `prompt-cost:` comment for this prompt. */
export function canAnnotate(doc: string, prompt: DetectedPrompt, inline: InlineAnnotation | undefined, languageId: string): boolean {
  return annotationChange(doc, prompt, inline, languageId, 'model', '__probe__') !== undefined || inline !== undefined;
}
