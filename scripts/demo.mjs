// The main job on the bundled sample workspace, through the built CLI: tokens and cost of every prompt file
// at the sample's traffic. (`prompt-cost audit` will replace this walk once prompt discovery lands.)
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ws = join(root, 'samples', 'workspace');
const model = process.env.MODEL ?? 'gpt-4o';
const rpd = process.env.REQUESTS_PER_DAY ?? '30000';
const isPrompt = (p) => /(^|\/)prompts\/.*\.(md|prompt|prompty|txt)$|\.prompty$|\.prompt$|\.j2$|\.jinja2?$|(^|\/)skprompt\.txt$|(^|\/)(AGENTS|CLAUDE)\.md$/.test(p);

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

const cli = (...args) => JSON.parse(execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { encoding: 'utf8' }));
const rows = [];
let total = 0;
for (const file of walk(ws)) {
  const rel = relative(ws, file).split('\\').join('/');
  if (!isPrompt(rel)) continue;
  const c = cli('count', file, '--model', model, '--json');
  const e = cli('estimate', '--model', model, '--requests-per-day', rpd, '--input-tokens', String(c.tokens), '--output-tokens', '300', '--json');
  total += e.monthlyUSD;
  rows.push([rel, `${c.exact ? '' : '≈'}${c.tokens}`, `$${e.perRequestUSD.toFixed(5)}`, `$${Math.round(e.monthlyUSD).toLocaleString('en-US')}`]);
}
const head = ['prompt file', 'tokens', '$/request', '$/month'];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
console.log(`Sample workspace priced for ${model} at ${rpd} requests/day each, 300 output tokens (prices: ${cli('models', '--search', model, '--json').source.date}):\n`);
console.log(line(head));
console.log(w.map((n) => '-'.repeat(n)).join('  '));
for (const r of rows) console.log(line(r));
console.log(`\nTotal: $${Math.round(total).toLocaleString('en-US')} per month`);
