import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { runCli } from './run';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  readFile: (p) => readFile(p),
  readStdin,
  exists: existsSync,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
}).then((code) => {
  process.exitCode = code;
});
