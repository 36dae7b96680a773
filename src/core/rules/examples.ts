/** Few-shot example blocks in a prompt text: `<example>` tags, "Example N" headings, Input/Output pairs, lists. */
import { isRendered } from '../slots/find';
import type { TemplateSlot } from '../slots/types';
import { lineSpans } from './util';

export interface ExampleBlock {
  /** [start, end): what to delete to drop the example (its trailing blank lines included). */
  start: number;
  end: number;
  /** End of the example's own content. */
  contentEnd: number;
  text: string;
}

export interface ExampleGroup {
  kind: 'xml' | 'heading' | 'pairs' | 'list';
  examples: ExampleBlock[];
}

const INPUT_LABELS = new Set(['input', 'q', 'question', 'user', 'human', 'customer', 'text', 'sentence', 'review', 'query', 'request', 'prompt', 'message', 'email', 'ticket', 'problem', 'passage', 'tweet', 'comment', 'source', 'english', 'user input', 'user message', 'user query', 'customer message', 'input text']);
const OUTPUT_LABELS = new Set(['output', 'a', 'answer', 'assistant', 'ai', 'bot', 'agent', 'label', 'sentiment', 'response', 'reply', 'category', 'classification', 'class', 'result', 'solution', 'summary', 'intent', 'translation', 'sql', 'json', 'completion', 'target', 'french', 'spanish', 'german', 'expected output', 'expected', 'correct answer', 'tags', 'rating', 'score', 'model']);
const LABEL_RE = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z ]{0,24}?)(?:\*\*|__)?\s*:(?:\*\*|__)?(?:\s|$)/;
const HEADING_RE = /^\s*(#{1,6}\s*)?(?:\*\*|__)?\s*(?:example|sample|demonstration|shot)\s*(?:#?\s*\d+|[A-Z](?![a-z]))?\s*(?:\([^)\n]*\))?\s*(?:[:.\-–—]\s*.*)?$/i;
const LIST_HEAD_RE = /(?:^|\s)(?:examples|few[- ]shot examples|samples|demonstrations)\s*(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*$/i;
const ITEM_RE = /^\s*(?:[-*+]|\d+[.)])\s+\S/;
const MD_HEADING = /^\s*(#{1,6})\s/;

export const labelOf = (line: string): string | undefined => LABEL_RE.exec(line)?.[1].trim().toLowerCase();

interface Lines {
  text: string;
  spans: [number, number][];
  line: (k: number) => string;
  blank: (k: number) => boolean;
  /** The line holds a rendered template slot (the live input, not an example). */
  live: (k: number) => boolean;
}

function linesOf(text: string, rendered: readonly TemplateSlot[]): Lines {
  const spans = lineSpans(text);
  const line = (k: number) => text.slice(spans[k][0], spans[k][1]);
  const live = (k: number) => rendered.some((s) => s.start < spans[k][1] && s.end > spans[k][0]);
  return { text, spans, line, blank: (k) => line(k).trim() === '', live };
}

/** Block of lines [a, b) as an example; `b` is exclusive; trailing blank lines go to the deletable span. */
function block(L: Lines, a: number, b: number, nextStart?: number): ExampleBlock {
  let last = b - 1;
  while (last > a && L.blank(last)) last--;
  const contentEnd = L.spans[last][1];
  let end: number;
  if (nextStart !== undefined) end = nextStart;
  else {
    let k = last + 1;
    while (k < L.spans.length && L.blank(k)) k++;
    end = k < L.spans.length ? L.spans[k][0] : L.text.length;
  }
  const start = L.spans[a][0];
  return { start, end, contentEnd, text: L.text.slice(start, contentEnd) };
}

/** Line after which the last example ends: a blank line followed by a line that is not one of the examples' labels. */
function lastEnd(L: Lines, from: number, labels: Set<string>, stopAtHeading: boolean): number {
  for (let k = from + 1; k < L.spans.length; k++) {
    if (stopAtHeading && MD_HEADING.test(L.line(k))) return k;
    if (!L.blank(k)) continue;
    let j = k;
    while (j < L.spans.length && L.blank(j)) j++;
    if (j >= L.spans.length) return j;
    const lab = labelOf(L.line(j));
    if (!lab || !labels.has(lab) || L.live(j)) return k;
    k = j - 1;
  }
  return L.spans.length;
}

function xmlGroup(text: string): ExampleGroup | undefined {
  const out: ExampleBlock[] = [];
  for (const m of text.matchAll(/<(example|sample|demo|shot)(\s[^<>]*)?>[\s\S]*?<\/\1\s*>/gi)) {
    const ls = text.lastIndexOf('\n', m.index - 1) + 1;
    const start = /^[ \t]*$/.test(text.slice(ls, m.index)) ? ls : m.index;
    const contentEnd = m.index + m[0].length;
    let end = contentEnd;
    const rest = /^[ \t]*(?:\r?\n[ \t]*)*(?:\r?\n|$)/.exec(text.slice(end));
    if (rest) end += rest[0].length;
    out.push({ start, end, contentEnd, text: text.slice(m.index, contentEnd) });
  }
  return out.length ? { kind: 'xml', examples: out } : undefined;
}

function headingGroup(L: Lines): ExampleGroup | undefined {
  const heads: number[] = [];
  for (let k = 0; k < L.spans.length; k++) if (HEADING_RE.test(L.line(k)) && L.line(k).trim().length <= 80) heads.push(k);
  if (heads.length === 0) return undefined;
  const out: ExampleBlock[] = [];
  const labels = new Set<string>();
  heads.forEach((h, i) => {
    const level = MD_HEADING.exec(L.line(h))?.[1].length;
    let b: number;
    if (i + 1 < heads.length) b = heads[i + 1];
    else if (level) {
      b = L.spans.length;
      for (let k = h + 1; k < L.spans.length; k++) {
        const lv = MD_HEADING.exec(L.line(k))?.[1].length;
        if (lv !== undefined && lv <= level) { b = k; break; }
      }
    } else b = lastEnd(L, h, labels, true);
    for (let k = h + 1; k < b; k++) { const l = labelOf(L.line(k)); if (l) labels.add(l); }
    out.push(block(L, h, b, i + 1 < heads.length ? L.spans[b][0] : undefined));
  });
  return { kind: 'heading', examples: out };
}

function pairsGroup(L: Lines): ExampleGroup | undefined {
  const labs = L.spans.map((_, k) => labelOf(L.line(k)));
  let best: { label: string; at: number[] } | undefined;
  for (const cand of new Set(labs.filter((l): l is string => !!l && INPUT_LABELS.has(l)))) {
    const at = labs.flatMap((l, k) => (l === cand ? [k] : []));
    // each occurrence must be answered by an output label before the next one
    const ok = at.filter((a, i) => labs.slice(a + 1, at[i + 1] ?? labs.length).some((l) => !!l && OUTPUT_LABELS.has(l) && l !== cand));
    if (ok.length >= 2 && (!best || ok.length > best.at.length)) best = { label: cand, at };
  }
  if (!best) return undefined;
  const labels = new Set(labs.filter((l): l is string => !!l && (INPUT_LABELS.has(l) || OUTPUT_LABELS.has(l))));
  const out: ExampleBlock[] = [];
  best.at.forEach((a, i) => {
    const next = best!.at[i + 1];
    out.push(next !== undefined ? block(L, a, next, L.spans[next][0]) : block(L, a, lastEnd(L, a, labels, true)));
  });
  return { kind: 'pairs', examples: out };
}

function listGroup(L: Lines): ExampleGroup | undefined {
  for (let h = 0; h < L.spans.length; h++) {
    if (!LIST_HEAD_RE.test(L.line(h))) continue;
    const items: number[] = [];
    let k = h + 1;
    while (k < L.spans.length && L.blank(k)) k++;
    let endLine = k;
    for (; k < L.spans.length; k++) {
      const line = L.line(k);
      if (ITEM_RE.test(line)) { items.push(k); endLine = k + 1; continue; }
      if (L.blank(k)) {
        if (k + 1 < L.spans.length && ITEM_RE.test(L.line(k + 1))) continue;
        break;
      }
      if (MD_HEADING.test(line)) break;
      if (items.length && /^\s+\S/.test(line)) { endLine = k + 1; continue; } // continuation of an item
      break;
    }
    if (items.length >= 2) {
      return { kind: 'list', examples: items.map((a, i) => (i + 1 < items.length ? block(L, a, items[i + 1], L.spans[items[i + 1]][0]) : block(L, a, endLine))) };
    }
  }
  return undefined;
}

/**
 * The prompt's few-shot examples: the detection finding the most examples wins (ties: tags, headings, pairs, lists).
 * Examples from the first one holding a rendered template slot on are dropped (that is the live query, e.g.
 * `Input: {text}` / `Output:`). Undefined when nothing looks like examples.
 */
export function findExamples(text: string, slots: readonly TemplateSlot[] = []): ExampleGroup | undefined {
  const rendered = slots.filter(isRendered);
  const L = linesOf(text, rendered);
  const groups = [xmlGroup(text), headingGroup(L), pairsGroup(L), listGroup(L)]
    .filter((g): g is ExampleGroup => !!g)
    .map((g) => {
      const cut = g.examples.findIndex((e) => rendered.some((s) => s.start < e.contentEnd && s.end > e.start));
      return cut < 0 ? g : { ...g, examples: g.examples.slice(0, cut) };
    })
    .filter((g) => g.examples.length > 0);
  let best: ExampleGroup | undefined;
  for (const g of groups) if (!best || g.examples.length > best.examples.length) best = g;
  return best;
}

/** Words of an example for similarity: labels, "Example N" headings and tags left out. */
export function exampleWords(ex: string): Set<string> {
  const body = ex
    .split('\n')
    .filter((l) => !HEADING_RE.test(l))
    .map((l) => l.replace(LABEL_RE, ' ').replace(/<\/?[A-Za-z][^>]*>/g, ' '))
    .join('\n')
    .toLowerCase();
  return new Set(body.match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard similarity of two word sets (1 for two empty sets). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}
