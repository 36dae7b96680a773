/**
 * Runs a CommonJS bundle with a V8 code cache made at build time (`scripts/build.mjs`), so that a CLI run or an audit
 * worker does not parse and compile the bundle's functions again: the CLI bundle is ~2.3 MB. Node 20 has no compile
 * cache of its own (module.enableCompileCache() came in Node 22).
 *
 * The cache file is `PCLC`, the SHA-1 of the bundle's bytes, then V8's data. A cache of another bundle is never used
 * (V8 itself only compares the source's length); V8 rejects one made by another V8 version or with other V8 flags, and
 * the bundle is then compiled as usual. Nothing here writes a file, except when the build asks for the cache with
 * `PCL_CODE_CACHE` (see `train`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const MAGIC = Buffer.from('PCLC');
const KEY_BYTES = MAGIC.length + 20;

/** The header a cache of `src` starts with. */
function keyOf(src: Buffer): Buffer {
  return Buffer.concat([MAGIC, createHash('sha1').update(src).digest()]);
}

/** V8's data from a cache file, if the file is a cache of `src`. */
export function cachedDataFor(src: Buffer, cache: Buffer | undefined): Buffer | undefined {
  if (!cache || cache.length <= KEY_BYTES) return undefined;
  return cache.subarray(0, KEY_BYTES).equals(keyOf(src)) ? cache.subarray(KEY_BYTES) : undefined;
}

export interface CachedRun {
  /** False when V8 took the cache (undefined: no cache was given). */
  readonly rejected?: boolean;
  /** Writes the cache of the bundle as compiled so far (the functions run until now included). */
  write(): void;
}

/**
 * Loads and runs the CommonJS file `file` as Node would (same `require`, `module`, `__filename`, `__dirname`), with
 * the code cache `cacheFile` when it is one of this file. Any problem with the cache (missing, stale, unreadable) just
 * means an ordinary compile.
 */
export function runCached(file: string, cacheFile: string): CachedRun {
  const src = readFileSync(file);
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    cache = undefined;
  }
  const cachedData = cachedDataFor(src, cache);
  // (a #! line is valid at the start of a script only: the wrapper puts code before it)
  const text = src.toString('utf8').replace(/^#!.*/, '');
  const script = new Script(wrap(text), { filename: file, cachedData });
  const mod = { exports: {} as unknown, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return {
    rejected: cachedData ? script.cachedDataRejected : undefined,
    write: () => writeFileSync(cacheFile, Buffer.concat([keyOf(src), script.createCachedData()])),
  };
}

/**
 * Whether this run makes the code cache named `which` (`PCL_CODE_CACHE=<which>`, set by the build only): the build
 * runs the CLI once per cache on a small workspace, so that the functions an audit runs are in the cache.
 */
export function train(which: 'cli' | 'worker'): boolean {
  return process.env.PCL_CODE_CACHE === which;
}
