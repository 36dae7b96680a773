// The audit's scan: the walker's glob pre-check agrees with minimatch, and the worker pool returns exactly what a scan
// on one thread returns (same results, same order), whatever the batching.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { startEarlyWorkers } from '../../src/cli/audit/early';
import { ScanPool, scanAll, walkAndScan } from '../../src/cli/audit/pool';
import { Glob, tooLargeReason, walk } from '../../src/cli/audit/walk';
import { isCandidateFile } from '../../src/core/discovery/index';
import { LABELED_ROOT } from './helpers/labeledEval';

/** The audit worker bundled into a new temporary folder (the pool runs it as a worker thread). */
async function workerBundle(): Promise<{ dir: string; workerFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pcl-worker-'));
  const workerFile = join(dir, 'audit-worker.js');
  await esbuild.build({ entryPoints: [join(__dirname, '..', '..', 'src', 'cli', 'audit', 'worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: workerFile, logLevel: 'warning' });
  return { dir, workerFile };
}

test('walk: the glob pre-check never rejects a path minimatch accepts', () => {
  const seg = fc.constantFrom('node_modules', 'Node_Modules', 'dist', 'a', 'b.py', '.git', 'vendor', 'x.min.js', 'src', 'prompts', '');
  const glob = fc.oneof(
    fc.constantFrom('**/node_modules/**', '**/dist/**', '**/.git/**', '**/vendor/**', 'dist/**', '**/*.min.js', 'src/a/**', '**', 'a', '**/prompts', '!**/dist/**', '**/{dist,vendor}/**', '#x'),
    fc.array(fc.oneof(seg, fc.constant('**'), fc.constant('*')), { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
  );
  fc.assert(
    fc.property(glob, fc.array(seg, { minLength: 1, maxLength: 5 }), fc.boolean(), (g, segs, dir) => {
      const rel = segs.join('/') + (dir ? '/' : '');
      const lower = segs.filter((s) => s !== '').map((s) => s.toLowerCase());
      assert.equal(new Glob(g).match(rel, lower), minimatch(rel, g, { dot: true }), `${g} on ${rel}`);
    }),
    { numRuns: 3000 },
  );
});

test('walk: the labeled workspace, candidates in walk order', async () => {
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile, exclude: ['**/node_modules/**', '**/dist/**'] });
  const all: string[] = [];
  const go = (d: string): void => {
    const names = readdirSync(d).sort();
    const dirs: string[] = [];
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) dirs.push(p);
      else all.push(relative(LABELED_ROOT, p).split(sep).join('/'));
    }
    for (const p of dirs) go(p);
  };
  go(LABELED_ROOT);
  assert.equal(w.seen, all.length);
  assert.deepEqual(w.files.map((f) => f.rel), all.filter(isCandidateFile));
});

test('pool: worker threads return what one thread returns, in order', async () => {
  const { dir, workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  // enough for the pool (sizes are only used for batching: each labeled file counts as 128 KiB), with a missing file
  const files = [...Array.from({ length: 5 }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat(), { abs: join(dir, 'missing.py'), rel: 'missing.py', size: 10 }];
  const one = await scanAll(files, { workers: 0 });
  for (const workers of [2, 3]) {
    let last = 0;
    let step = 0;
    const many = await scanAll(files, { workers, workerFile, onProgress: (done, total) => { assert.ok(done >= last && done <= total); step = Math.max(step, done - last); last = done; } });
    assert.equal(last, files.length);
    assert.ok(step > 1, 'results came back in batches, from the workers');
    assert.deepEqual(many, one);
  }
  assert.ok(one.some((r) => 'prompts' in r && r.prompts.length > 0 && r.text !== undefined));
  assert.ok(one.every((r) => !('prompts' in r) || r.prompts.length > 0 || r.text === undefined), 'texts travel back only with prompts');
  assert.deepEqual(one[one.length - 1], { rel: 'missing.py', bytes: 0, skipped: 'unreadable (ENOENT)' });
});

test('pool: files are scanned while they are still being added, and finish() gives them in order', async () => {
  const { workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const files = Array.from({ length: 5 }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  let done = 0;
  const pool = new ScanPool({ workers: 2, workerFile, onProgress: (d) => { done = d; } });
  for (const f of files) pool.add(f);
  // results arrive before finish() is called: the workers started on their own once the files made a large tree
  const deadline = Date.now() + 20000;
  while (done === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.ok(done > 0, 'no result came back before finish()');
  assert.deepEqual(await pool.finish(), await scanAll(files, { workers: 0 }));
});

test('pool: an abort stops the scan; finish() gives what was scanned, in order, and stops the workers', async () => {
  const { workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const files = Array.from({ length: 20 }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  const abort = new AbortController();
  const pool = new ScanPool({ workers: 2, workerFile, signal: abort.signal, onProgress: (d) => { if (d > 0) abort.abort(); } });
  for (const f of files) pool.add(f);
  const got = await pool.finish();
  assert.ok(got.length > 0 && got.length < files.length, `${got.length} of ${files.length}`);
  const all = await scanAll(files, { workers: 0 });
  // whole batches come back: each result is the one of its file
  for (const r of got) assert.ok(all.some((x) => x.rel === r.rel));
});

test('walkAndScan: the same files and results as a walk followed by a scan; onResult sees each result once', async () => {
  const seen: unknown[] = [];
  const { walked, scanned } = await walkAndScan(LABELED_ROOT, { isCandidate: isCandidateFile }, { onResult: (r) => seen.push(r) });
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  assert.deepEqual(walked, w);
  assert.deepEqual(scanned, await scanAll(w.files, { workers: 0 }));
  assert.equal(seen.length, scanned.length);
  for (const r of scanned) assert.ok(seen.includes(r), 'onResult gets the result objects that finish() returns');
});

test('pool: onResult sees every result of the workers once, as batches come back', async () => {
  const { workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const files = Array.from({ length: 5 }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  const seen: unknown[] = [];
  const pool = new ScanPool({ workers: 2, workerFile, onResult: (r) => seen.push(r) });
  try {
    for (const f of files) pool.add(f);
    const got = await pool.finish();
    assert.equal(seen.length, files.length);
    assert.deepEqual(new Set(seen), new Set(got));
  } finally {
    await pool.close();
  }
});

test('pool: once the workers run, files come without their size and the workers apply the size limit', async () => {
  const { dir, workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const big = join(dir, 'big_prompt.py');
  writeFileSync(big, `SYSTEM_PROMPT = """${'You are a careful assistant. '.repeat(200)}"""\n`);
  const bigSize = statSync(big).size;
  const maxFileBytes = bigSize - 1;
  const sized = Array.from({ length: 5 }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  const pool = new ScanPool({ workers: 2, workerFile, maxFileBytes });
  const needs: boolean[] = [];
  // the first files come with sizes, the rest as the walk gives them once needSize() says false
  for (const f of sized) {
    needs.push(pool.needSize());
    pool.add(needs[needs.length - 1] ? f : { ...f, size: -1 });
  }
  assert.equal(needs[0], true);
  assert.equal(needs[needs.length - 1], false, 'the workers started, so sizes were no longer needed');
  pool.add({ abs: big, rel: 'big_prompt.py', size: -1 });
  const got = await pool.finish();
  const expected = await scanAll([...sized, { abs: big, rel: 'big_prompt.py', size: bigSize }], { workers: 0, maxFileBytes });
  assert.deepEqual(got, expected);
  assert.deepEqual(got[got.length - 1], { rel: 'big_prompt.py', bytes: 0, skipped: tooLargeReason(bigSize, maxFileBytes) });
  // one byte more allowed: the same file is read and has its prompt
  const ok = await scanAll([{ abs: big, rel: 'big_prompt.py', size: -1 }], { workers: 0, maxFileBytes: bigSize });
  assert.ok('prompts' in ok[0] && ok[0].prompts.length === 1);
});

test('walk: with needSize() false, files come with size -1 and a large file is left to the reader', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcl-walk-'));
  mkdirSync(join(dir, 'prompts'));
  writeFileSync(join(dir, 'prompts', 'a.md'), 'You are a helpful assistant. Answer briefly.\n');
  writeFileSync(join(dir, 'prompts', 'b.md'), 'x'.repeat(5000));
  const sized = await walk(dir, { isCandidate: isCandidateFile, maxFileBytes: 1000 });
  assert.deepEqual(sized.files.map((f) => [f.rel, f.size]), [['prompts/a.md', 45]]);
  assert.deepEqual(sized.skipped, [{ file: 'prompts/b.md', reason: tooLargeReason(5000, 1000) }]);
  const unsized = await walk(dir, { isCandidate: isCandidateFile, maxFileBytes: 1000, needSize: () => false });
  assert.deepEqual(unsized.files.map((f) => [f.rel, f.size]), [['prompts/a.md', -1], ['prompts/b.md', -1]]);
  assert.deepEqual(unsized.skipped, []);
  const scanned = await scanAll(unsized.files, { workers: 0, maxFileBytes: 1000 });
  assert.deepEqual(scanned[1], { rel: 'prompts/b.md', bytes: 0, skipped: tooLargeReason(5000, 1000) });
});

test('pool: beforeBlocking() gives each worker enough batches to work while this thread is busy', async () => {
  const { workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  // 1 MB batches of 8 files: 60 batches
  const files = Array.from({ length: Math.ceil(480 / w.files.length) }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  const pool = new ScanPool({ workers: 2, workerFile });
  try {
    for (const f of files) pool.add(f);
    // (no answer can arrive before this code yields)
    assert.deepEqual(pool.inFlight(), [2, 2], 'normally each worker holds two batches');
    pool.beforeBlocking();
    assert.deepEqual(pool.inFlight(), [10, 10]);
    assert.deepEqual(await pool.finish(), await scanAll(files, { workers: 0 }));
  } finally {
    await pool.close();
  }
});

test('pool: prestarted workers scan a large tree; unused ones never keep the process alive', async () => {
  const { dir, workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const files = Array.from({ length: 5 }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  const pool = new ScanPool({ workers: 2, workerFile, prestart: true });
  try {
    for (const f of files) pool.add(f);
    assert.equal(pool.inFlight().length, 2, 'the prestarted workers took the large tree');
    assert.deepEqual(await pool.finish(), await scanAll(files, { workers: 0 }));
  } finally {
    await pool.close();
  }
  // a small tree in a process of its own: scanned on its main thread, and the process ends by itself (a worker left
  // running and referenced would hold it until the time-out below)
  const script = join(dir, 'small.js');
  await esbuild.build({
    stdin: { contents: `import { ScanPool } from ${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'audit', 'pool.ts'))};\nconst pool = new ScanPool({ workers: 2, workerFile: ${JSON.stringify(workerFile)}, prestart: true });\nfor (const f of ${JSON.stringify(w.files.slice(0, 3))}) pool.add(f);\npool.finish().then((r) => console.log(JSON.stringify({ r, inFlight: pool.inFlight() })));\n`, resolveDir: dir, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'warning',
  });
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30000 });
  assert.equal(child.error, undefined, 'the process did not end by itself');
  assert.equal(child.status, 0, child.stderr);
  const out = JSON.parse(child.stdout) as { r: unknown; inFlight: number[] };
  assert.deepEqual(out.inFlight, [], 'a small tree is scanned on the main thread');
  assert.deepEqual(out.r, await scanAll(w.files.slice(0, 3), { workers: 0 }));
});

test('pool: workers get a young generation of 16 MB (a scan leaves little alive, so V8 would keep it at 1-2 MB) and compile their hot functions themselves', async () => {
  const { workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const pool = new ScanPool({ workers: 2, workerFile });
  try {
    for (const f of Array.from({ length: 5 }, () => w.files.map((x) => ({ ...x, size: 1 << 17 }))).flat()) pool.add(f);
    assert.equal(pool.inFlight().length, 2);
    await pool.finish();
  } finally {
    await pool.close();
  }
  // the flag holds for every isolate made after the pool started its workers
  const probe = new Worker("const v8 = require('node:v8'); require('node:worker_threads').parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)", { eval: true });
  const size = await new Promise<number>((resolve, reject) => { probe.once('message', resolve); probe.once('error', reject); });
  await probe.terminate();
  assert.ok(size >= 16 << 20, `new space of a worker: ${size} bytes`);
  // a function asked to be optimised concurrently is optimised at once: the isolate has no compiler thread (with one,
  // the status right after the call is 'optimising concurrently', 1024, without the optimised bit, 16)
  setFlagsFromString('--allow-natives-syntax');
  const compiled = new Worker(`function f(x) { return x * 2 + 1; }
%PrepareFunctionForOptimization(f); f(1); f(2);
%OptimizeFunctionOnNextCall(f, 'concurrent'); f(3);
require('node:worker_threads').parentPort.postMessage(%GetOptimizationStatus(f));`, { eval: true });
  const status = await new Promise<number>((resolve, reject) => { compiled.once('message', resolve); compiled.once('error', reject); });
  await compiled.terminate();
  assert.equal(status & (16 | 1024), 16, `optimization status of a worker's function: ${status}`);
});

test('pool: a prestarted worker takes a mid-size tree from the first full batch; the others join once it is large', async () => {
  const { workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const files = Array.from({ length: Math.ceil(400 / w.files.length) }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  const pool = new ScanPool({ workers: 2, workerFile, prestart: true });
  try {
    // 7 files of 128 KB: less than a batch, nothing started
    for (const f of files.slice(0, 7)) pool.add(f);
    assert.deepEqual(pool.inFlight(), []);
    // the 8th fills a 1 MB batch: the prestarted worker takes it
    pool.add(files[7]);
    assert.equal(pool.inFlight().length, 1);
    // past 32 MB (files now come without their size: counted at the average), the second worker joins
    for (const f of files.slice(8)) pool.add({ ...f, size: -1 });
    assert.equal(pool.inFlight().length, 2);
    assert.deepEqual(await pool.finish(), await scanAll(files, { workers: 0 }));
  } finally {
    await pool.close();
  }
});

test('pool: takes the workers the command started before the CLI loaded (early.ts), and stops those it does not want', { skip: availableParallelism() < 2 && 'one core: no worker is started early' }, async () => {
  const { workerFile } = await workerBundle();
  const w = await walk(LABELED_ROOT, { isCandidate: isCandidateFile });
  const files = Array.from({ length: Math.ceil(400 / w.files.length) }, () => w.files.map((f) => ({ ...f, size: 1 << 17 }))).flat();
  const earlyOnes = (): Worker[] => ((globalThis as Record<symbol, unknown>)[Symbol.for('prompt-cost-lens.early-audit-workers')] as { workers: Worker[] }).workers;
  // taken: the pool's first worker is the early one
  startEarlyWorkers(workerFile, 1);
  const early = earlyOnes()[0];
  const pool = new ScanPool({ workers: 2, workerFile, prestart: true });
  try {
    for (const f of files.slice(0, 8)) pool.add(f);
    assert.equal(pool.inFlight().length, 1);
    assert.equal((pool as unknown as { workers: Worker[] }).workers[0], early);
    for (const f of files.slice(8)) pool.add(f);
    assert.deepEqual(await pool.finish(), await scanAll(files, { workers: 0 }));
  } finally {
    await pool.close();
  }
  // not wanted (no workers, or another worker file): stopped
  for (const opts of [{ workers: 0, workerFile }, { workers: 2, workerFile: join(tmpdir(), 'other-worker.js') }]) {
    startEarlyWorkers(workerFile, 1);
    const unwanted = earlyOnes()[0];
    const exited = new Promise((resolve) => unwanted.once('exit', resolve));
    const p = new ScanPool({ ...opts, prestart: true });
    await exited;
    await p.close();
  }
});
