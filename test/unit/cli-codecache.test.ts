// The CLI's code cache loader (src/cli/codeCache.ts) and the caches the build makes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cachedDataFor, runCached } from '../../src/cli/codeCache';
import { WORKER_V8_FLAGS } from '../../src/cli/audit/early';

const seen = (): Record<string, unknown> => (globalThis as unknown as { __pclCache: Record<string, unknown> }).__pclCache;

/** A CommonJS file that requires a neighbour and records what Node's module wrapper gave it. */
function writeModule(dir: string, value: number): string {
  writeFileSync(join(dir, 'lib.js'), "module.exports = { word: 'lib' };\n");
  const main = join(dir, 'main.js');
  writeFileSync(main, `#!/usr/bin/env node\nconst lib = require('./lib');\nfunction f() { return ${value}; }\nexports.x = 1;\nglobalThis.__pclCache = { lib: lib.word, value: f(), file: __filename, dir: __dirname, same: module.exports === exports };\n`);
  return main;
}

/**
 * runCached() in a fresh process (in this one, V8 would find a source it compiled before in its own compilation cache
 * and never look at the code cache): what it said and what the file recorded.
 */
function inChild(main: string, cache: string, write = false): { rejected?: boolean; seen: Record<string, unknown> } {
  const code = `const { runCached } = require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'codeCache.ts'))});
    const run = runCached(${JSON.stringify(main)}, ${JSON.stringify(cache)});
    if (${write}) run.write();
    console.log(JSON.stringify({ rejected: run.rejected, seen: globalThis.__pclCache }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { rejected?: boolean; seen: Record<string, unknown> };
}

test('code cache: runs a file as Node would, and a cache it wrote is taken by the next run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcl-cc-'));
  const main = writeModule(dir, 111);
  const cache = join(dir, 'main.cache');
  const first = inChild(main, cache, true);
  assert.equal(first.rejected, undefined, 'no cache yet');
  assert.deepEqual(first.seen, { lib: 'lib', value: 111, file: main, dir, same: true });
  assert.ok(existsSync(cache));
  const second = inChild(main, cache);
  assert.equal(second.rejected, false, 'V8 took the cache');
  assert.deepEqual(second.seen, first.seen);
  // in this process too (the cache is only written when asked)
  const here = runCached(main, join(dir, 'other.cache'));
  assert.equal(seen().value, 111);
  assert.equal(existsSync(join(dir, 'other.cache')), false);
  here.write();
  assert.ok(existsSync(join(dir, 'other.cache')));
});

/** A module recording `value` in a fresh folder, and the cache a first run of it wrote. */
function withCache(value: number): { dir: string; main: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pcl-cc-'));
  const main = writeModule(dir, value);
  const cache = join(dir, 'main.cache');
  inChild(main, cache, true);
  return { dir, main, cache };
}

test('code cache: a cache of another file of the same length is never given to V8 (which would run the old code)', () => {
  const { dir, main, cache } = withCache(111);
  const before = readFileSync(main);
  writeModule(dir, 222);
  assert.equal(readFileSync(main).length, before.length);
  assert.equal(cachedDataFor(readFileSync(main), readFileSync(cache)), undefined);
  const run = inChild(main, cache);
  assert.equal(run.rejected, undefined, 'no cache was given');
  assert.equal(run.seen.value, 222);
});

test('code cache: a damaged, truncated or missing cache means an ordinary compile', () => {
  const { dir, main, cache } = withCache(333);
  const good = readFileSync(cache);
  // the right header, then garbage: V8 rejects it
  writeFileSync(cache, Buffer.concat([good.subarray(0, 24), Buffer.alloc(good.length - 24, 7)]));
  const damaged = inChild(main, cache);
  assert.equal(damaged.rejected, true);
  assert.equal(damaged.seen.value, 333);
  for (const bytes of [good.subarray(0, 10), good.subarray(0, 24), Buffer.alloc(0)]) {
    writeFileSync(cache, bytes);
    const r = inChild(main, cache);
    assert.equal(r.rejected, undefined);
    assert.equal(r.seen.value, 333);
  }
  assert.equal(inChild(main, join(dir, 'none.cache')).rejected, undefined);
});

test('code cache: the build made caches that V8 takes with the flags the command sets first (early.ts)', { skip: !existsSync('dist/cli-main.cache') && 'run npm run build first' }, () => {
  // in a fresh process, as a CLI run or its worker would load it: the header is checked here, V8 is asked in a thread
  // made after the flags are set (as the pool makes its workers)
  const probe = (bundle: string, flags: readonly string[]): string => {
    const code = `
      const { readFileSync } = require('node:fs');
      const { Worker } = require('node:worker_threads');
      const { cachedDataFor } = require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'codeCache.ts'))});
      for (const f of ${JSON.stringify(flags)}) require('node:v8').setFlagsFromString(f);
      const file = ${JSON.stringify(join('dist', `${bundle}.js`))};
      const data = cachedDataFor(readFileSync(file), readFileSync(${JSON.stringify(join('dist', `${bundle}.cache`))}));
      if (!data) console.log('not a cache of this bundle');
      else new Worker(\`
        const { workerData, parentPort } = require('node:worker_threads');
        const { Script } = require('node:vm');
        const { wrap } = require('node:module');
        const text = require('node:fs').readFileSync(workerData.file, 'utf8').replace(/^#!.*/, '');
        const s = new Script(wrap(text), { filename: workerData.file, cachedData: Buffer.from(workerData.data) });
        parentPort.postMessage(s.cachedDataRejected ? 'rejected' : 'taken');\`, { eval: true, workerData: { file, data } }).on('message', (m) => console.log(m));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' });
    return r.stdout.trim() || r.stderr;
  };
  assert.equal(probe('cli-main', WORKER_V8_FLAGS), 'taken');
  assert.equal(probe('audit-worker-main', WORKER_V8_FLAGS), 'taken');
  // made with those flags, a cache is no use without them
  assert.equal(probe('cli-main', []), 'rejected');
});
