import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WalkedFile } from './walk';
import { scanFile, ScanResult } from './scan';

export interface ScanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** Worker threads (default: the machine's cores, at most 4); 0 scans on this thread. */
  readonly workers?: number;
}

const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 400;

/** Scans files on every core: worker threads when a bundled worker exists and the tree is large enough. */
export async function scanAll(files: readonly WalkedFile[], opts: ScanOptions = {}): Promise<ScanResult[]> {
  const workerFile = join(__dirname, 'audit-worker.js');
  const totalBytes = files.reduce((a, f) => a + f.size, 0);
  const wanted = opts.workers ?? Math.min(4, availableParallelism());
  const parallel = wanted > 1 && existsSync(workerFile) && (files.length > 300 || totalBytes > 8 * 1024 * 1024);
  if (!parallel) {
    const out: ScanResult[] = [];
    for (const f of files) {
      if (opts.signal?.aborted) break;
      out.push(scanFile(f.abs, f.rel));
      opts.onProgress?.(out.length, files.length);
    }
    return out;
  }
  const batches: { abs: string; rel: string }[][] = [];
  let cur: { abs: string; rel: string }[] = [];
  let curBytes = 0;
  for (const f of files) {
    cur.push({ abs: f.abs, rel: f.rel });
    curBytes += f.size;
    if (cur.length >= BATCH_FILES || curBytes >= BATCH_BYTES) {
      batches.push(cur);
      cur = [];
      curBytes = 0;
    }
  }
  if (cur.length) batches.push(cur);
  const results: ScanResult[][] = new Array(batches.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(wanted, batches.length) }, () => new Worker(workerFile));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length || opts.signal?.aborted) return resolve();
              const id = next++;
              w.postMessage({ id, files: batches[id] });
            };
            w.on('message', (m: { id: number; results: ScanResult[] }) => {
              results[m.id] = m.results;
              done += m.results.length;
              opts.onProgress?.(done, files.length);
              send();
            });
            w.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat().filter(Boolean);
}
