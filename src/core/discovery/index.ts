/**
 * Prompt discovery: text in, spans out. `detectPrompts(path, text)` finds the prompts a file holds:
 * dedicated prompt files, agent instruction files, prompts in YAML/JSON and prompts embedded in code
 * (Python, TypeScript/JavaScript incl. JSX, Go, Java, Kotlin). Pure: no I/O, never throws.
 */
import { detectCode } from './code/detectCode';
import { detectAgentFile } from './formats/agentFiles';
import { detectConfigFile } from './formats/configFiles';
import { detectPromptFile } from './formats/promptFiles';
import { LineIndex } from './lines';
import { classify, isCandidateFile } from './paths';
import type { DetectedPrompt, DetectOptions, RawPrompt } from './types';

export type { DetectedPrompt, DetectOptions, PromptKind, PromptRole, TemplateSyntax } from './types';
export { isCandidateFile };

const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Raw findings of the handler for `path`; may throw on a bug (tests use it to see failures). */
export function detectRaw(path: string, text: string): RawPrompt[] {
  const c = classify(path);
  switch (c.type) {
    case 'code': return detectCode(text, c.lang, c.jsx);
    case 'agent': return detectAgentFile(path, text);
    case 'prompt': return detectPromptFile(path, text);
    case 'config': return detectConfigFile(path, text, c.syntax);
    default: return [];
  }
}

/** Prompts in one file. `path` is POSIX, relative to the workspace root. Never throws. */
export function detectPrompts(path: string, text: string, options?: DetectOptions): DetectedPrompt[] {
  let raws: RawPrompt[];
  try {
    raws = detectRaw(String(path ?? ''), typeof text === 'string' ? text : '');
  } catch {
    return [];
  }
  return finish(text, raws, options?.minConfidence ?? DEFAULT_MIN_CONFIDENCE);
}

/** Drops weak and invalid findings, computes lines, sorts by position and removes overlaps (the stronger wins). */
export function finish(text: string, raws: RawPrompt[], minConfidence: number): DetectedPrompt[] {
  if (raws.length === 0) return [];
  const kept: DetectedPrompt[] = [];
  const sorted = raws
    .filter((r) => r.confidence >= minConfidence && r.text.trim() !== '' && Number.isFinite(r.startOffset) && Number.isFinite(r.endOffset))
    .map((r) => ({ ...r, startOffset: Math.max(0, Math.min(text.length, r.startOffset)), endOffset: Math.max(0, Math.min(text.length, r.endOffset)) }))
    .filter((r) => r.endOffset > r.startOffset)
    .sort((a, b) => a.startOffset - b.startOffset || b.confidence - a.confidence);
  if (sorted.length === 0) return kept;
  const lines = new LineIndex(text);
  for (const r of sorted) {
    const last = kept[kept.length - 1];
    if (last && r.startOffset < last.endOffset) {
      if (r.confidence > last.confidence) kept[kept.length - 1] = withLines(r, lines);
      continue;
    }
    kept.push(withLines(r, lines));
  }
  return kept;
}

function withLines(r: RawPrompt, lines: LineIndex): DetectedPrompt {
  const out: DetectedPrompt = {
    kind: r.kind,
    format: r.format,
    name: r.name,
    // languages and file readers normalise line ends: the model receives \n
    text: r.text.includes('\r') ? r.text.replace(/\r\n?/g, '\n') : r.text,
    startOffset: r.startOffset,
    endOffset: r.endOffset,
    startLine: lines.lineAt(r.startOffset),
    endLine: lines.lineAt(Math.max(r.startOffset, r.endOffset - 1)),
    confidence: Math.round(r.confidence * 100) / 100,
    evidence: r.evidence,
  };
  if (r.role) out.role = r.role;
  if (r.frequency) out.frequency = r.frequency;
  if (r.templateSyntax) out.templateSyntax = r.templateSyntax;
  if (r.model) out.model = r.model;
  return out;
}
