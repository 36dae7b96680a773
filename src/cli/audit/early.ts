/**
 * Audit workers started by the `prompt-cost` command itself (entry.ts), before the CLI bundle loads: a worker boots
 * (~40 ms, and its own bundle) on another core while this thread loads ~2 MB of CLI code and the configuration, so it
 * is ready when the walk hands out its first batch. The pool takes them over (`takeEarlyWorkers`); until then they
 * are unreferenced and never hold the process open. Shared through a global symbol: entry.ts and the CLI are two
 * bundles.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/**
 * V8 flags for the worker threads, set once before the first worker starts. V8 applies both when it creates an
 * isolate, so the main thread, created before, keeps its own settings. (Changing a V8 flag at run time is unsafe in
 * general: only flags that take effect at an isolate's creation belong here.) The code caches (codeCache.ts) are made
 * with these flags set, and V8 rejects a cache made with other flags: the command sets them first, whatever it runs.
 * - `--min-semi-space-size=16`: the young generation starts at 1 MB and, since a scan leaves almost nothing alive from
 *   one file to the next, never grows: a worker scavenged ~130 times on the 190 MB benchmark. Starting it at 16 MB:
 *   ~48 scavenges per worker, their time ~300 -> ~105 ms for both workers (--trace-gc), ~30 MB more peak memory. (A
 *   Worker's resourceLimits can set only the maximum size, which made no difference.)
 * - `--no-concurrent-recompilation`: a worker compiles its hot functions itself instead of queueing them for V8's
 *   helper threads. While the workers scan, every core is busy: a queued compile waited for a core while the worker
 *   kept running the slow, unoptimised code. An isolate gets its compiler thread (or none) when it is created, so the
 *   main thread keeps compiling in the background (--trace-opt: the workers' compiles are `kSynchronous`, the main
 *   thread's `kConcurrent`). 190 MB benchmark, 12 alternating runs: mean 2.87 -> 2.63 s, CPU 5.35 -> 4.95 s.
 */
export const WORKER_V8_FLAGS: readonly string[] = ['--min-semi-space-size=16', '--no-concurrent-recompilation'];

let flagsSet = false;
export function setWorkerFlags(): void {
  if (flagsSet) return;
  flagsSet = true;
  for (const flag of WORKER_V8_FLAGS) {
    try {
      setFlagsFromString(flag);
    } catch {
      /* an unknown flag on another Node version: workers start with V8's default */
    }
  }
}

const EARLY = Symbol.for('prompt-cost-lens.early-audit-workers');
type Early = { file: string; workers: Worker[] };

/** Starts `count` workers of `file` now, for a pool made later in this process. */
export function startEarlyWorkers(file: string, count: number): void {
  setWorkerFlags();
  const early: Early = { file, workers: [] };
  for (let i = 0; i < count; i++) {
    const w = new Worker(file);
    w.unref();
    // one that fails before a pool takes it is dropped (the pool starts another if it needs one)
    w.on('error', () => { early.workers = early.workers.filter((x) => x !== w); });
    early.workers.push(w);
  }
  (globalThis as Record<symbol, unknown>)[EARLY] = early;
}

/** The early workers of `file` not taken yet (at most `max`; the rest are stopped). */
export function takeEarlyWorkers(file: string, max: number): Worker[] {
  const early = (globalThis as Record<symbol, unknown>)[EARLY] as Early | undefined;
  if (!early) return [];
  delete (globalThis as Record<symbol, unknown>)[EARLY];
  if (early.file !== file) max = 0;
  for (const w of early.workers.slice(max)) void w.terminate().catch(() => undefined);
  return early.workers.slice(0, max);
}
