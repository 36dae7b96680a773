import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getEncoding } from 'js-tiktoken';
import type { CliIO } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import type { AuditReport } from '../../src/core/audit/types';

const SYSTEM = 'You are a support assistant for ACME Corp. Answer using only the provided context. Be concise and cite the source.';

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pcl-audit-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

async function audit(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (s) => { out += s; }, err: (s) => { err += s; }, readFile: (p) => readFile(p), readStdin: async () => new Uint8Array(),
    exists: (p) => { try { readFileSync(p); return true; } catch { return false; } }, cwd, isTTY: false,
  };
  return { code: await runCli(['audit', ...args], io), out, err };
}

const o200k = getEncoding('o200k_base');

test('audit JSON: prompts with 1-based lines, exact tokens, prices, skipped files with reasons', async () => {
  const ws = workspace({
    'prompts/support.md': `\uFEFF${SYSTEM}\n\nContext:\n{{context}}\n`,
    'app/bot.py': `import openai\n\nSYSTEM_PROMPT = """${SYSTEM}"""\n\nclient.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM_PROMPT}])\n`,
    'app/util.py': 'def add(a, b):\n    """Add two numbers."""\n    return a + b\n',
    'prompts/logo.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
    'node_modules/x/prompts/p.md': SYSTEM,
    'ignored/prompts/p.md': SYSTEM,
    '.gitignore': 'ignored/\n',
  });
  const r = await audit(ws, ['--format', 'json', '--model', 'gpt-4o-mini', '--requests-per-day', '2000']);
  assert.equal(r.code, 0, r.err);
  const rep = JSON.parse(r.out) as AuditReport;
  assert.equal(rep.version, 1);
  assert.equal(rep.model, 'gpt-4o-mini');
  assert.match(rep.pricesAsOf, /^\d{4}-\d{2}-\d{2}$/);
  const files = rep.prompts.map((p) => p.file).sort();
  assert.deepEqual(files, ['app/bot.py', 'prompts/support.md']);
  const md = rep.prompts.find((p) => p.file === 'prompts/support.md')!;
  assert.equal(md.startLine, 1);
  assert.equal(md.kind, 'prompt-file');
  assert.equal(md.model, 'gpt-4o-mini');
  assert.equal(md.requestsPerDay, 2000);
  assert.ok(md.variables.some((v) => v.name === 'context' && v.estimatedTokens > 0));
  assert.equal(md.tokens, md.staticTokens + md.variables.reduce((a, v) => a + v.estimatedTokens, 0));
  const py = rep.prompts.find((p) => p.file === 'app/bot.py')!;
  assert.equal(py.startLine, 3);
  assert.equal(py.endLine, 3);
  assert.equal(py.model, 'gpt-4o', 'the model literal at the call site applies');
  assert.equal(py.tokens, o200k.encode(SYSTEM, [], []).length);
  assert.equal(py.exact, true);
  // gpt-4o: tokens x $2.5/1M + 300 output x $10/1M
  assert.ok(Math.abs(py.perRequestUSD - (py.tokens * 2.5 + 300 * 10) / 1e6) < 1e-9);
  assert.ok(Math.abs(py.monthlyUSD - py.perRequestUSD * 2000 * 30) < 1e-5);
  assert.deepEqual(rep.skipped.map((s) => [s.file, s.reason]), [['prompts/logo.md', 'binary file']]);
  assert.ok(Math.abs(rep.totals.monthlyUSD - rep.prompts.reduce((a, p) => a + p.monthlyUSD, 0)) < 1e-6);
});

test('audit: budget and baseline exit codes; --out writes only that file', async () => {
  const ws = workspace({ 'prompts/a.md': SYSTEM.repeat(20) });
  const outDir = mkdtempSync(join(tmpdir(), 'pcl-out-'));
  const base = join(outDir, 'base.json');
  const ok = await audit(ws, ['--out', base, '--requests-per-day', '1000']);
  assert.equal(ok.code, 0, ok.err);
  assert.deepEqual(readdirSync(outDir), ['base.json']);
  assert.deepEqual(readdirSync(ws).sort(), ['prompts']);
  const total = (JSON.parse(readFileSync(base, 'utf8')) as AuditReport).totals.monthlyUSD;
  assert.ok(total > 0);
  assert.equal((await audit(ws, ['--format', 'json', '--max-monthly-usd', String(total * 2)])).code, 0);
  const over = await audit(ws, ['--format', 'json', '--max-monthly-usd', String(total / 2)]);
  assert.equal(over.code, 1);
  assert.match(over.err, /over the budget/);
  assert.equal((JSON.parse(over.out) as AuditReport).budget!.ok, false);
  const grown = await audit(ws, ['--format', 'json', '--baseline', base, '--requests-per-day', '1200']);
  assert.equal(grown.code, 1, 'grew 20% > 10%');
  assert.match(grown.err, /grew 20\.0% over the baseline/);
  assert.equal((await audit(ws, ['--format', 'json', '--baseline', base, '--requests-per-day', '1050'])).code, 0);
  assert.equal((await audit(ws, ['--format', 'json', '--baseline', base, '--requests-per-day', '1200', '--max-growth-pct', '25'])).code, 0);
  for (const fmt of ['md', 'html', 'csv', 'sarif']) {
    const f = join(outDir, `r.${fmt}`);
    assert.equal((await audit(ws, ['--out', f])).code, 0);
    assert.ok(readFileSync(f, 'utf8').length > 100, fmt);
  }
  assert.match(readFileSync(join(outDir, 'r.sarif'), 'utf8'), /"version": "2\.1\.0"/);
});

test('audit: usage and config errors exit 2', async () => {
  const ws = workspace({ 'prompts/a.md': SYSTEM, 'bad.json': '{"version": 2}', 'cfg.json': '{"requestsPerDay": "lots"}' });
  for (const [args, msg] of [
    [['nope-dir'], /is not a folder/],
    [['--format', 'pdf'], /--format must be one of/],
    [['--model', 'gpt-9-ultra'], /Unknown model 'gpt-9-ultra'/],
    [['--baseline', 'bad.json'], /not a prompt-cost JSON report/],
    [['--baseline', 'missing.json'], /cannot read baseline/],
    [['--config', 'cfg.json'], /cfg\.json: "requestsPerDay"/],
    [['--out', 'no/such/dir/r.md'], /folder does not exist/],
    [['--max-monthly-usd', 'x'], /expects a number/],
  ] as const) {
    const r = await audit(ws, [...args]);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code} ${r.err}`);
    assert.match(r.err, msg);
  }
});

test('audit: unreadable folders, symlink loops, huge files and a 1 MB line never break the run', async () => {
  const ws = workspace({
    'prompts/a.md': SYSTEM,
    'prompts/huge.md': 'x'.repeat(3 * 1024 * 1024),
    'src/min.js': `const SYSTEM_PROMPT = "${'a'.repeat(1024 * 1024)}";\n`,
    'locked/prompts/p.md': SYSTEM,
  });
  symlinkSync(ws, join(ws, 'src', 'loop'));
  chmodSync(join(ws, 'locked'), 0o000);
  try {
    const r = await audit(ws, ['--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(r.out) as AuditReport;
    const reasons = Object.fromEntries(rep.skipped.map((s) => [s.file, s.reason]));
    assert.match(reasons['prompts/huge.md'], /too large/);
    assert.match(reasons['src/loop'], /symlink loop/);
    if (process.getuid?.() !== 0) assert.match(reasons['locked'], /unreadable folder/); // root reads anything
    assert.ok(rep.prompts.some((p) => p.file === 'prompts/a.md'));
  } finally {
    chmodSync(join(ws, 'locked'), 0o755);
  }
});

test('audit: .promptcost.json overrides per glob and inline annotations apply', async () => {
  const ws = workspace({
    '.promptcost.json': JSON.stringify({ model: 'gpt-4o-mini', overrides: [{ glob: 'prompts/premium/**', model: 'gpt-4o', requestsPerDay: 500 }] }),
    'prompts/premium/a.md': SYSTEM,
    'prompts/b.md': `<!-- prompt-cost: requests/day=20000 output=100 model=claude-haiku-4-5 -->\n${SYSTEM}`,
  });
  const rep = JSON.parse((await audit(ws, ['--format', 'json'])).out) as AuditReport;
  const a = rep.prompts.find((p) => p.file === 'prompts/premium/a.md')!;
  assert.equal(a.model, 'gpt-4o');
  assert.equal(a.requestsPerDay, 500);
  const b = rep.prompts.find((p) => p.file === 'prompts/b.md')!;
  assert.equal(b.model, 'claude-haiku-4-5');
  assert.equal(b.requestsPerDay, 20000);
  assert.equal(b.outputTokens, 100);
  assert.equal(b.exact, false);
});
