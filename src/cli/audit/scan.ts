import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { detectPrompts } from '../../core/discovery/index';
import type { DetectedPrompt } from '../../core/discovery/types';
import { DEFAULT_MAX_FILE_BYTES, tooLargeReason } from './walk';

/** What reading and detecting one file gives: its prompts (with the text when it has any), or why it was skipped. */
export type ScanResult =
  | { rel: string; bytes: number; prompts: DetectedPrompt[]; text?: string }
  | { rel: string; bytes: number; skipped: string };

/** NUL in the first 8 KiB, or mostly undecodable bytes: binary. */
export function looksBinary(buf: Uint8Array): boolean {
  return (buf.length > 8192 ? buf.subarray(0, 8192) : buf).indexOf(0) !== -1;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** One read buffer per thread, grown as needed: a buffer per file costs an allocation and off-heap memory each time. */
let readBuf = Buffer.allocUnsafe(1 << 20);

/**
 * The bytes of a file (like readFileSync, with its error codes), as a view of the shared read buffer: valid until the
 * next call. A file longer than `maxBytes` is not read past it: its size (a number) is returned instead.
 */
function readWhole(abs: string, maxBytes: number): Buffer | number {
  const fd = openSync(abs, 'r');
  try {
    let n = 0;
    for (;;) {
      if (n > maxBytes) return fstatSync(fd).size;
      if (n === readBuf.length) {
        const bigger = Buffer.allocUnsafe(readBuf.length * 2);
        readBuf.copy(bigger, 0, 0, n);
        readBuf = bigger;
      }
      const got = readSync(fd, readBuf, n, readBuf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return readBuf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and detects one file (skipped when above `maxBytes`). Never throws: an unreadable or binary file becomes a skip with a reason. Reads are
 * synchronous on purpose: files are small and an await per file costs more than the read (this runs in the CLI and
 * its worker threads, never in the editor).
 */
export function scanFile(abs: string, rel: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ScanResult {
  let buf: Buffer;
  try {
    const r = readWhole(abs, maxBytes);
    // (a file the walk gave without its size, or one that grew since)
    if (typeof r === 'number') return { rel, bytes: 0, skipped: tooLargeReason(r, maxBytes) };
    buf = r;
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
