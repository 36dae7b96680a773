/**
 * Content signals: how much a text reads like an instruction to a model, and which well-known non-prompt
 * shapes (SQL, HTML, e-mail, logs, regexes, URLs, code) it has. Pure string heuristics, bounded in time:
 * only the first SAMPLE characters are read.
 */
import type { TemplateSyntax } from './types';

const SAMPLE = 6000;

export type NonPromptShape = 'sql' | 'html' | 'email' | 'regex' | 'url' | 'code' | 'log' | 'cli-input' | 'identifier';

export interface ContentSignals {
  /** 0..1: how prompt-like the text reads. */
  score: number;
  reasons: string[];
  /** A non-prompt shape the text clearly has, if any. */
  shape?: NonPromptShape;
  words: number;
}

const OPENER = /^\s*(?:#+\s*[\w ]{0,40}\n+\s*)?(?:you are|you're|you will (?:act|be|play)|act as|your (?:task|job|role|goal|mission) is|as an? [\w -]{0,30}(?:assistant|expert|agent|bot|model)\b|i want you to|pretend (?:that )?you are|imagine you are|identity and purpose)/i;
const YOU_ARE = /(?:^|[.!?:\n]\s*)(?:you are|you're) (?:a|an|the|acting|helping|given|an expert|going to|tasked|responsible)\b/i;
const IMPERATIVE = /^[ \t]*(?:[-*\d.)]+[ \t]*)?(?:respond|answer|reply|return|output|summari[sz]e|translate|classify|extract|write|generate|given|use|do not|don't|never|always|only|be|keep|avoid|think|explain|rewrite|provide|list|identify|format|follow|consider|include|ensure|make sure|focus|cite|ask|limit|check|review|create|produce|analy[sz]e|determine|describe|suggest|answer|stay|refuse|decline|prefer|start|end|begin|if the user|when the user)\b/gim;
const LLM_WORDS = /\b(?:the user|the assistant|assistant|respond|response|answer|json|step[- ]by[- ]step|output format|the following|do not|don't|never|always|concise|instructions?|context|persona|tone|markdown|bullet points?|sentences?|question|conversation|customer|in \d+ words)\b/gi;
const ROLE_LABEL = /(?:^|\n)[ \t]*(?:system|user|assistant|human|ai|developer)\s*:\s|<\|im_start\|>|\[INST\]|###\s*(?:instruction|response|input|output)\b|<(?:instructions|context|document|example|examples|rules|task|question|input)>/i;
const SLOT = /\{\{-?\s*[$.]?[A-Za-z_][\w.]*[^}]{0,40}\}\}|\$\{[^}\n]{1,60}\}|\{[A-Za-z_]\w*(?:\.\w+)*(?:![rsa])?(?::[^{}\n]{0,10})?\}/;
const SECOND_PERSON = /\b(?:you|your|yourself)\b/gi;

const SQL = /^\s*(?:\(\s*)?(?:select\b[\s\S]{0,4000}?\bfrom\b|insert\s+(?:or\s+\w+\s+)?into\b|update\s+[\w."`[\]]+\s+set\b|delete\s+from\b|create\s+(?:or\s+replace\s+)?(?:unique\s+)?(?:temp(?:orary)?\s+)?(?:table|index|view|function|trigger|schema|database)\b|alter\s+table\b|drop\s+(?:table|index|view)\b|with\s+(?:recursive\s+)?\w+\s+as\s*\(|merge\s+into\b|truncate\s+table\b|begin\s+transaction\b)/i;
const HTML_TAG = /<\/?(?:!doctype|html|head|body|div|p|span|table|thead|tbody|section|main|header|footer|nav|ul|ol|li|h[1-6]|a|img|form|button|style|script|br|hr|tr|td|th|meta|link|title|svg|label|input|strong|em|b|i|small|center|font)\b[^>]{0,200}>/gi;
const EMAIL_OPEN = /^\s*(?:dear|hi|hello|hey|greetings)\b[^\n,]{0,40},/i;
const EMAIL_CLOSE = /\b(?:unsubscribe|best regards|kind regards|warm regards|sincerely|thanks for (?:signing up|your order|choosing)|view (?:it )?in (?:your )?browser|the [\w ]{1,30} team\s*$)/im;
const SUBJECT = /^\s*subject:\s/im;
const REGEX_META = /\\[dwsbDWSB]|\(\?[:=!<]|\[\^|\]\+|\]\*|\{\d+,?\d*\}|\^\[|\$\)|\|\(/g;
const LOG_WORDS = /\b(?:failed|failure|error|unable|could not|couldn't|cannot|can't|invalid|warning|retrying|timed? ?out|not found|exception|missing|expected|unexpected|must be|success(?:fully)?|started|finished|completed|connecting|connected|loading|loaded)\b/i;
const FORMAT_SLOT = /%[-+ #0]*\d*(?:\.\d+)?[sdifvqxXeEgGr]|\{\}|\{\d+\}|%\(\w+\)s/;

/** Reads `text` for prompt-likeness and non-prompt shapes. */
export function contentSignals(text: string): ContentSignals {
  const t = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const trimmed = t.trim();
  const words = countWords(trimmed);
  const reasons: string[] = [];
  let score = 0;
  const shape = nonPromptShape(trimmed, words);

  if (OPENER.test(trimmed)) {
    score += 0.45;
    reasons.push('opens like an instruction ("You are…")');
  } else if (YOU_ARE.test(trimmed)) {
    score += 0.3;
    reasons.push('"You are…" sentence');
  }
  const imperatives = countMatches(trimmed, IMPERATIVE, 10);
  if (imperatives > 0) {
    score += Math.min(0.3, imperatives * 0.08);
    reasons.push(`${imperatives} imperative line(s)`);
  }
  const llmWords = new Set((trimmed.match(LLM_WORDS) ?? []).slice(0, 40).map((w) => w.toLowerCase()));
  if (llmWords.size > 0) {
    score += Math.min(0.2, llmWords.size * 0.04);
    reasons.push(`model-directed words: ${[...llmWords].slice(0, 4).join(', ')}`);
  }
  if (ROLE_LABEL.test(trimmed)) {
    score += 0.2;
    reasons.push('role labels or prompt tags');
  }
  if (SLOT.test(trimmed)) {
    score += 0.05;
    reasons.push('template slots');
  }
  const you = countMatches(trimmed, SECOND_PERSON, 10);
  if (you > 0) score += Math.min(0.1, you * 0.02);
  if (words < 6) score *= 0.5;
  if (shape) score *= 0.3;
  return { score: Math.min(1, score), reasons, shape, words };
}

function nonPromptShape(t: string, words: number): NonPromptShape | undefined {
  if (t === '') return undefined;
  if (SQL.test(t)) return 'sql';
  const htmlTags = countMatches(t, HTML_TAG, 4);
  if (htmlTags >= 3 || (htmlTags >= 1 && /^\s*<(?:!doctype|html|body|div|table|p|h[1-6]|ul|section)\b/i.test(t))) return 'html';
  if (SUBJECT.test(t) || (EMAIL_OPEN.test(t) && EMAIL_CLOSE.test(t))) return 'email';
  if (!/\s/.test(t)) return /^[A-Za-z_$][\w$.]*$/.test(t) ? 'identifier' : /[/:.]/.test(t) ? 'url' : 'identifier';
  const meta = countMatches(t, REGEX_META, 6);
  if (meta >= 2 && (words <= 4 || (meta * 25 >= t.length && words * 12 < t.length))) return 'regex';
  if (looksLikeCode(t)) return 'code';
  const oneLine = !t.includes('\n');
  if (oneLine && t.length < 160 && FORMAT_SLOT.test(t) && LOG_WORDS.test(t)) return 'log';
  if (oneLine && t.length < 120 && /(?:[:?]|\(y\/n\)|\[y\/N\])\s*$/i.test(t) && /\b(?:enter|please|choose|select|type|press|continue|password|username|name)\b/i.test(t)) return 'cli-input';
  return undefined;
}

function looksLikeCode(t: string): boolean {
  const lines = t.split('\n').filter((l) => l.trim() !== '').slice(0, 200);
  if (lines.length < 2) return false;
  let codeish = 0;
  let words = 0;
  for (const l of lines) {
    const s = l.trim();
    words += s.split(/\s+/).length;
    if (/[;{]$|^[}\])]|^(?:import|from|def|class|function|const|let|var|return|if|for|while|func|package|public|private)\b.*[({:=]|=>|^[\w.$]+\s*=\s*[^=\s]|^[\w-]+\s+[^\s]+;$|^#include|^location\b|^server_name\b/.test(s)) codeish++;
  }
  const sample = lines.join('\n');
  const symbols = (sample.match(/[{}()[\];=<>]/g) ?? []).length;
  const letters = (sample.match(/[A-Za-z]/g) ?? []).length || 1;
  return codeish / lines.length > 0.5 && (symbols / letters > 0.06 || words / lines.length < 6);
}

/** Template syntax a text uses, from its slots; `hint` wins when the text has slots of that kind. */
export function templateSyntaxOf(text: string, hint?: TemplateSyntax): TemplateSyntax {
  const t = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  if (/\{\{\s*\$\w/.test(t)) return 'sk';
  if (/\{\{-?\s*\.[\w.]*\s*-?\}\}|\{\{-?\s*(?:range|if|with|end|template)\b[^}]*\}\}/.test(t) && !/\{%/.test(t)) return 'go-template';
  if (/\{%-?\s*\w|\{\{[^}]{0,200}\|\s*\w|\{#/.test(t)) return hint === 'mustache' || hint === 'handlebars' ? hint : 'jinja';
  if (/\{\{[#/^>]\s*(?:if|each|unless|with|else|role|section|media|history|json)\b|\{\{\s*(?:role|media|json|history|section)\b/.test(t)) return hint === 'mustache' ? 'mustache' : 'handlebars';
  if (/\{\{[#/^>!]?\s*[\w.]+\s*\}\}/.test(t)) return hint === 'jinja' || hint === 'handlebars' || hint === 'mustache' ? hint : 'mustache';
  if (hint === 'js-template' && /\$\{/.test(t)) return 'js-template';
  if (hint !== 'none' && /\{[A-Za-z_]\w*(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}\n]{0,10})?\}/.test(t.replace(/\{\{|\}\}/g, ''))) return hint === 'fstring' || hint === 'format' ? hint : 'format';
  if (hint === 'fstring' && /\{[^{}\n]+\}/.test(t)) return 'fstring';
  return hint && hint !== 'fstring' && hint !== 'format' && hint !== 'js-template' ? hint : 'none';
}

export function countWords(t: string): number {
  let n = 0;
  let inWord = false;
  const end = Math.min(t.length, SAMPLE);
  for (let i = 0; i < end; i++) {
    const c = t.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function countMatches(t: string, re: RegExp, cap: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < cap) {
    const m = re.exec(t);
    if (!m) break;
    n++;
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return n;
}
