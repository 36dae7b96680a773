// An audit worker thread (dist/audit-worker.js): runs the worker bundle (dist/audit-worker-main.js, from worker.ts)
// with its code cache.
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { runCached, train } from '../codeCache';

const run = runCached(join(__dirname, 'audit-worker-main.js'), join(__dirname, 'audit-worker-main.cache'));
// (a worker is stopped without an exit event: the cache is written after each batch, this listener running after
// the bundle's own)
if (train('worker')) parentPort?.on('message', () => run.write());
