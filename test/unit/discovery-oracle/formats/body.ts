/** A whole-file prompt: the body after front matter, trimmed, as one RawPrompt. */
import { frontMatter, FrontMatter } from '../frontMatter';
import { trimRange } from '../lines';
import type { RawPrompt } from '../types';

export interface Body {
  fm: FrontMatter | undefined;
  start: number;
  end: number;
  text: string;
}

/** The body of a file after its front matter, trimmed of blank space; undefined when empty. */
export function bodyOf(text: string): Body | undefined {
  const fm = frontMatter(text);
  const r = trimRange(text, fm ? fm.bodyStart : 0, text.length);
  if (!r) return undefined;
  return { fm, start: r[0], end: r[1], text: text.slice(r[0], r[1]) };
}

/** The trimmed text between two offsets, as a Body without front matter. */
export function bodyAt(text: string, start: number, end: number): Body | undefined {
  const r = trimRange(text, start, end);
  return r ? { fm: undefined, start: r[0], end: r[1], text: text.slice(r[0], r[1]) } : undefined;
}

/** A RawPrompt for a span of the file. */
export function spanPrompt(text: string, start: number, end: number, p: Omit<RawPrompt, 'text' | 'startOffset' | 'endOffset'>): RawPrompt | undefined {
  const r = trimRange(text, start, end);
  if (!r) return undefined;
  return { ...p, text: text.slice(r[0], r[1]), startOffset: r[0], endOffset: r[1] };
}
