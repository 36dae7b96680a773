import { readFileSync } from 'node:fs';
import { detectPrompts } from '../../core/discovery/index';
import type { DetectedPrompt } from '../../core/discovery/types';

/** What reading and detecting one file gives: its prompts (with the text when it has any), or why it was skipped. */
export type ScanResult =
  | { rel: string; bytes: number; prompts: DetectedPrompt[]; text?: string }
  | { rel: string; bytes: number; skipped: string };

/** NUL in the first 8 KiB, or mostly undecodable bytes: binary. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Reads and detects one file. Never throws: an unreadable or binary file becomes a skip with a reason. Reads are
 * synchronous on purpose: files are small and an await per file costs more than the read (this runs in the CLI and
 * its worker threads, never in the editor).
 */
export function scanFile(abs: string, rel: string): ScanResult {
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (e) {
    return { rel, bytes: 0, skipped: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (looksBinary(buf)) return { rel, bytes: buf.length, skipped: 'binary file' };
  const text = decoder.decode(buf); // drops a UTF-8 BOM
  let prompts: DetectedPrompt[];
  try {
    prompts = detectPrompts(rel, text);
  } catch (e) {
    return { rel, bytes: buf.length, skipped: `could not be parsed (${e instanceof Error ? e.message : String(e)})` };
  }
  return prompts.length ? { rel, bytes: buf.length, prompts, text } : { rel, bytes: buf.length, prompts };
}
