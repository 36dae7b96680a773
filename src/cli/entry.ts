// The `prompt-cost` command (dist/cli.js): runs the CLI bundle (dist/cli-main.js, from main.ts) with its code cache.
import { join } from 'node:path';
import { runCached, train } from './codeCache';

const run = runCached(join(__dirname, 'cli-main.js'), join(__dirname, 'cli-main.cache'));
// the cache is written as the process ends, with every function the run compiled (the build's run sets no V8 flag:
// a cache made after one is set would be rejected by every ordinary run)
if (train('cli')) process.on('exit', () => run.write());
