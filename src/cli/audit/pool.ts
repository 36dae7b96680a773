import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_FILE_BYTES, walk, WalkedFile, WalkOptions, WalkResult } from './walk';
import { scanFile, ScanResult } from './scan';
import { setWorkerFlags, takeEarlyWorkers } from './early';

export interface ScanOptions {
  readonly signal?: AbortSignal;
  /** Files scanned so far, and files known so far (the walk may still be adding). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Each result as soon as it is known (in the order batches come back, not the order of the files). */
  readonly onResult?: (r: ScanResult) => void;
  /** Worker threads (default: the machine's cores, at most 4); 0 scans on this thread. */
  readonly workers?: number;
  /** The bundled worker script (default: audit-worker.js next to this bundle). */
  readonly workerFile?: string;
  /** Files above this size are skipped when read (for files added without their size). */
  readonly maxFileBytes?: number;
  /**
   * Start worker threads now (one per core besides this thread's), before knowing whether the tree is large enough to
   * use them: a worker takes ~70 ms to boot, which then overlaps the walk. Unused workers are stopped without being
   * waited for (they never keep the process alive).
   */
  readonly prestart?: boolean;
}

/**
 * Every worker starts once the files added reach these sizes; before that, only a prestarted worker scans (from the
 * first full batch on), or this thread does. Each worker starts with a cold JIT (its first megabytes run several times
 * slower), which costs more than it saves on small trees (measured on 2 cores: 8 and 19 MB trees were faster on one
 * thread than on two workers, 190 MB 1.6x faster on two).
 */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;
const PARALLEL_MIN_FILES = 8000;
/**
 * A batch is sent when it holds this many bytes or files: small next to a large tree (so the workers finish
 * together), large enough that a message costs nothing next to its work (~1 MB is ~20 ms of detection).
 */
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 400;
/** Batches each worker holds at once: it starts the next one while the answer to the last travels back. */
const IN_FLIGHT = 2;
/**
 * Batches each worker is given before this thread blocks (see `beforeBlocking()`): enough for ~0.2 s of work, the
 * longest this thread is busy during a scan (loading a tokenizer encoding); measured: with 2 in flight both workers
 * sat idle 120-200 ms waiting for this thread.
 */
const IN_FLIGHT_BLOCKING = 10;

/** A batch sent to a worker; the worker reads and detects its files and answers with `ScanResult`s in order. */
export interface ScanRequest { id: number; maxBytes: number; files: readonly { abs: string; rel: string }[] }
export interface ScanReply { id: number; results: ScanResult[] }

/**
 * Scans files as they are added (while the walk still runs): on this thread for a small tree, on worker threads once
 * the files added make a large one. `finish()` gives the results in the order the files were added.
 */
export class ScanPool {
  private readonly files: WalkedFile[] = [];
  private bytes = 0;
  /** Files added with a known size. */
  private sized = 0;
  /** Files of `files` already put into batches. */
  private batched = 0;
  /** Bytes of the files added but not yet in a batch. */
  private batchBytes = 0;
  /** Batches cut so far; a batch sent to a worker is dropped from here (its slot becomes undefined). */
  private readonly batches: (readonly WalkedFile[] | undefined)[] = [];
  private readonly results: ScanResult[][] = [];
  private nextBatch = 0;
  private done = 0;
  private workers: Worker[] = [];
  /** Started ahead (`prestart`) and not yet given work: unreferenced, so they never hold the process open. */
  private spare: Worker[] = [];
  private readonly pending = new Map<Worker, number>();
  private closed = false;
  private failure: unknown;
  /** Resolves finish() once every batch has come back (or a worker failed). */
  private settle?: () => void;
  private readonly wanted: number;
  private readonly workerFile: string;
  private readonly maxBytes: number;

  constructor(private readonly opts: ScanOptions = {}) {
    this.wanted = opts.workers ?? Math.min(4, availableParallelism());
    this.workerFile = opts.workerFile ?? join(__dirname, 'audit-worker.js');
    this.maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const prestart = opts.prestart && this.wanted > 1 && existsSync(this.workerFile);
    // as many as there are cores besides this thread's: more would boot on this thread's core and slow its own start
    // (on 2 cores, a second prestarted worker made no measurable difference to the 190 MB audit and cost CPU)
    const count = prestart ? Math.min(this.wanted, availableParallelism() - 1) : 0;
    // first the ones the command started before the CLI loaded (early.ts; stopped when not wanted), then new ones
    this.spare = takeEarlyWorkers(this.workerFile, count);
    if (prestart) {
      setWorkerFlags();
      for (let i = this.spare.length; i < count; i++) {
        const w = new Worker(this.workerFile);
        w.unref();
        this.spare.push(w);
      }
      // a worker that fails before it is used is dropped; start() makes a new one if it is needed after all
      for (const w of this.spare) {
        w.removeAllListeners('error');
        w.on('error', () => { this.spare = this.spare.filter((x) => x !== w); });
      }
    }
  }

  /**
   * Whether the files added from now on need their size: only until the pool knows it uses workers (the sizes decide
   * that); afterwards batches count an unknown size as the average so far, and the workers check the size limit.
   */
  needSize(): boolean {
    return this.workers.length === 0;
  }

  /** Batches each worker holds now (sent, not yet answered); empty while this thread scans alone. */
  inFlight(): number[] {
    return this.workers.map((w) => this.pending.get(w) ?? 0);
  }

  /** Adds a file (its size may be -1, unknown, once needSize() is false). */
  add(f: WalkedFile): void {
    this.files.push(f);
    if (f.size >= 0) {
      this.bytes += f.size;
      this.sized++;
    }
    if (this.workers.length > 0) {
      // the prestarted worker runs; the others join once the tree is large
      if (this.workers.length < this.wanted && this.large()) this.start(this.wanted);
      this.batchFrom(this.files.length - 1, false);
    } else if (this.wanted > 1 && this.spare.length > 0 && (this.large() || this.files.length >= BATCH_FILES || this.bytes >= BATCH_BYTES)) {
      // a prestarted worker is booting or booted on another core: it takes the files from the first full batch on,
      // while this thread walks and then loads the tokenizer (a tree smaller than one batch is scanned on this thread)
      this.start(this.large() ? this.wanted : 1);
      this.batchFrom(0, false);
    } else if (this.wanted > 1 && this.large() && existsSync(this.workerFile)) {
      this.start(this.wanted);
      this.batchFrom(0, false);
    }
  }

  /**
   * Whether the tree is large enough for every worker: the files added, and their bytes (files added without a size
   * counted at the average size of those with one).
   */
  private large(): boolean {
    if (this.files.length > PARALLEL_MIN_FILES) return true;
    const unsized = this.files.length - this.sized;
    return this.bytes + (this.sized > 0 ? (unsized * this.bytes) / this.sized : 0) > PARALLEL_MIN_BYTES;
  }

  /**
   * This thread is about to be busy for a while (up to ~0.2 s): gives each worker enough batches to keep working
   * meanwhile, since batches are otherwise handed out only as answers come back.
   */
  beforeBlocking(): void {
    this.dispatch(IN_FLIGHT_BLOCKING);
  }

  /** No more files: the results, in the order the files were added (what was scanned before an abort). */
  async finish(): Promise<ScanResult[]> {
    try {
      if (this.workers.length === 0) return this.scanHere();
      this.batchFrom(this.files.length, true);
      this.closed = true;
      await new Promise<void>((resolve) => {
        this.settle = resolve;
        this.check();
      });
      if (this.failure) throw this.failure;
      const out: ScanResult[] = [];
      for (const r of this.results) if (r) for (const x of r) out.push(x);
      return out;
    } finally {
      // the workers stop while the caller goes on (waiting for them took 20-35 ms after a large scan); unreferenced,
      // they cannot hold the process open
      void this.close().catch(() => undefined);
    }
  }

  /** Stops the workers (finish() does; call it when the walk fails before finish()). */
  async close(): Promise<void> {
    this.dropSpare();
    const ws = this.workers;
    this.workers = [];
    for (const w of ws) w.unref();
    await Promise.all(ws.map((w) => w.terminate()));
  }

  /** Stops the prestarted workers that were never used, without waiting for them. */
  private dropSpare(): void {
    for (const w of this.spare) void w.terminate().catch(() => undefined);
    this.spare = [];
  }

  private scanHere(): ScanResult[] {
    const out: ScanResult[] = [];
    for (const f of this.files) {
      if (this.opts.signal?.aborted) break;
      const r = scanFile(f.abs, f.rel, this.maxBytes);
      out.push(r);
      this.opts.onResult?.(r);
      this.opts.onProgress?.(out.length, this.files.length);
    }
    return out;
  }

  /** Starts workers (taking prestarted ones first) until `count` run. */
  private start(count: number): void {
    setWorkerFlags();
    while (this.workers.length < count) {
      const w = this.spare.shift() ?? new Worker(this.workerFile);
      w.ref();
      w.removeAllListeners('error');
      this.pending.set(w, 0);
      w.on('message', (m: ScanReply) => {
        this.pending.set(w, this.pending.get(w)! - 1);
        this.results[m.id] = m.results;
        this.done += m.results.length;
        if (this.opts.onResult) for (const r of m.results) this.opts.onResult(r);
        this.opts.onProgress?.(this.done, this.files.length);
        this.dispatch();
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => { if (this.workers.includes(w)) this.fail(new Error(`audit worker stopped (exit code ${code})`)); });
      this.workers.push(w);
    }
  }

  /**
   * Counts the files from index `from` into the open batch, cutting a batch whenever it is full (and the rest, when
   * `last`), then sends what the workers can take.
   */
  private batchFrom(from: number, last: boolean): void {
    const cut = (end: number): void => {
      // (the files as added: a copy of each object per batch was garbage the walk's thread had to collect)
      this.batches.push(this.files.slice(this.batched, end));
      this.batched = end;
      this.batchBytes = 0;
    };
    const average = this.sized > 0 ? this.bytes / this.sized : 0;
    for (let i = from; i < this.files.length; i++) {
      const size = this.files[i].size;
      this.batchBytes += size >= 0 ? size : average;
      if (i + 1 - this.batched >= BATCH_FILES || this.batchBytes >= BATCH_BYTES) cut(i + 1);
    }
    if (last && this.batched < this.files.length) cut(this.files.length);
    this.dispatch();
  }

  private dispatch(inFlight = IN_FLIGHT): void {
    for (const w of this.workers) {
      while (this.pending.get(w)! < inFlight && this.nextBatch < this.batches.length && !this.opts.signal?.aborted && !this.failure) {
        const id = this.nextBatch++;
        this.pending.set(w, this.pending.get(w)! + 1);
        w.postMessage({ id, maxBytes: this.maxBytes, files: this.batches[id]! } satisfies ScanRequest);
        this.batches[id] = undefined;
      }
    }
    this.check();
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    this.check();
  }

  private check(): void {
    if (!this.settle || !this.closed) return;
    let inFlight = 0;
    for (const n of this.pending.values()) inFlight += n;
    const stopped = this.failure !== undefined || this.opts.signal?.aborted;
    if (inFlight === 0 && (stopped || this.nextBatch >= this.batches.length)) this.settle();
    else if (this.failure !== undefined) this.settle();
  }
}

/** Scans a known list of files on every core (see ScanPool). */
export async function scanAll(files: readonly WalkedFile[], opts: ScanOptions = {}): Promise<ScanResult[]> {
  const pool = new ScanPool(opts);
  for (const f of files) pool.add(f);
  return pool.finish();
}

export interface WalkAndScanOptions extends Omit<ScanOptions, 'onProgress'> {
  readonly onProgress?: (done: number, total: number, walking: boolean) => void;
  /**
   * Called when the walk has ended and the scan may still run (on worker threads when the tree is large): the time to
   * do other work on this thread, such as loading a tokenizer, without holding up the walk that feeds the workers.
   * It may block this thread for up to ~0.2 s: the workers are given enough batches first (`beforeBlocking()`).
   */
  readonly afterWalk?: () => void;
}

/** Walks `root` and scans its files while the walk runs: what audit and whatif read. */
export async function walkAndScan(root: string, walkOpts: Omit<WalkOptions, 'onFile' | 'needSize'>, scanOpts: WalkAndScanOptions = {}): Promise<{ walked: WalkResult; scanned: ScanResult[] }> {
  let walking = true;
  const { onProgress, afterWalk, ...rest } = scanOpts;
  const pool = new ScanPool({ prestart: true, ...rest, maxFileBytes: walkOpts.maxFileBytes, onProgress: onProgress && ((d, t) => onProgress(d, t, walking)) });
  let walked: WalkResult;
  try {
    walked = await walk(root, { ...walkOpts, onFile: (f) => pool.add(f), needSize: () => pool.needSize() });
  } catch (e) {
    await pool.close();
    throw e;
  }
  walking = false;
  if (afterWalk) {
    pool.beforeBlocking();
    afterWalk();
  }
  return { walked, scanned: await pool.finish() };
}
