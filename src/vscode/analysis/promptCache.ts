import type { AnalyzedPrompt } from '../../core/audit/analyze';
import type { DetectedPrompt } from '../../core/discovery/types';
import type { Finding } from '../../core/rules/types';
import { INLINE_LINES_ABOVE } from '../../core/slots/inline';

/**
 * Per-prompt results, keyed by what they depend on: the settings, the file's path (per-glob overrides), the
 * workspace prompts generation (duplicate passages) and the prompt's NEIGHBOURHOOD — the text from
 * INLINE_LINES_ABOVE lines above the prompt to the end of its last line, where its `prompt-cost:` annotation can be.
 * The rules and the cost model read nothing else of the document, so an unchanged neighbourhood gives the same
 * result wherever it moved: a cached result is rebased by the offset and line deltas. Typing in one prompt of a file
 * thus costs that prompt's analysis only; every other prompt of the file is a cache hit.
 */

interface Entry {
  readonly base: number;
  readonly result: AnalyzedPrompt;
  readonly size: number;
}

/** The neighbourhood [start, end) of a prompt in its document text. */
export function neighbourhood(text: string, prompt: DetectedPrompt): { start: number; end: number } {
  let start = text.lastIndexOf('\n', Math.max(0, prompt.startOffset - 1)) + 1;
  for (let k = 0; k < INLINE_LINES_ABOVE && start > 0; k++) start = text.lastIndexOf('\n', start - 2) + 1;
  const nl = text.indexOf('\n', Math.max(prompt.startOffset, prompt.endOffset));
  return { start, end: nl < 0 ? text.length : nl };
}

/** The cache key of one prompt, and the base offset its cached result is relative to. */
export function promptKey(context: string, text: string, prompt: DetectedPrompt): { key: string; base: number } {
  const n = neighbourhood(text, prompt);
  const meta = [prompt.kind, prompt.format, prompt.name, prompt.role ?? '', prompt.frequency ?? '', prompt.templateSyntax ?? '', prompt.model ?? '',
    prompt.confidence, prompt.startOffset - n.start, prompt.endOffset - n.start].join('\u0001');
  return { key: `${context}\u0000${meta}\u0000${prompt.text}\u0000${text.slice(n.start, n.end)}`, base: n.start };
}

function shiftFinding(f: Finding, d: number): Finding {
  if (d === 0) return f;
  return {
    ...f,
    startOffset: f.startOffset + d,
    endOffset: f.endOffset + d,
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, startOffset: e.startOffset + d, endOffset: e.endOffset + d })) })),
  };
}

/** A cached result moved to where its prompt is now. */
export function rebase(a: AnalyzedPrompt, prompt: DetectedPrompt, delta: number): AnalyzedPrompt {
  if (delta === 0 && a.prompt.startLine === prompt.startLine) return { ...a, prompt };
  const inline = a.inline && { ...a.inline, range: { startOffset: a.inline.range.startOffset + delta, endOffset: a.inline.range.endOffset + delta } };
  return { ...a, prompt, findings: a.findings.map((f) => shiftFinding(f, delta)), ...(inline ? { inline } : {}) };
}

/** A bounded LRU map of per-prompt results (bounded by entries and by the characters of their keys). */
export class PromptCache {
  private readonly map = new Map<string, Entry>();
  private chars = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly maxEntries = 4000,
    private readonly maxChars = 16 * 1024 * 1024,
  ) {}

  get(key: string, prompt: DetectedPrompt, base: number): AnalyzedPrompt | undefined {
    const e = this.map.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, e);
    return rebase(e.result, prompt, base - e.base);
  }

  set(key: string, base: number, result: AnalyzedPrompt): void {
    const old = this.map.get(key);
    if (old) this.chars -= old.size;
    this.map.set(key, { base, result, size: key.length });
    this.chars += key.length;
    for (const [k, e] of this.map) {
      if (this.map.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.map.delete(k);
      this.chars -= e.size;
    }
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }

  get stats(): { entries: number; hits: number; misses: number } {
    return { entries: this.map.size, hits: this.hits, misses: this.misses };
  }
}
