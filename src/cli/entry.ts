// The `prompt-cost` command (dist/cli.js): runs the CLI bundle (dist/cli-main.js, from main.ts) with its code cache.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setWorkerFlags, startEarlyWorkers } from './audit/early';
import { runCached, train } from './codeCache';

// the workers' V8 flags first, whatever the command: the code caches are made with them set (V8 compares flags)
setWorkerFlags();
// an audit's first worker boots on another core while this thread loads the CLI (early.ts); the pool takes it
const command = process.argv[2];
if ((command === 'audit' || command === 'whatif') && availableParallelism() > 1) {
  startEarlyWorkers(join(__dirname, 'audit-worker.js'), Math.min(4, availableParallelism() - 1));
}
const run = runCached(join(__dirname, 'cli-main.js'), join(__dirname, 'cli-main.cache'));
// the cache is written as the process ends, with every function the run compiled
if (train('cli')) process.on('exit', () => run.write());
