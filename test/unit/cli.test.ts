import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getEncoding } from 'js-tiktoken';
import { runCli } from '../../src/cli/run';
import type { CliIO } from '../../src/cli/io';

interface Result { code: number; out: string; err: string }

async function cli(argv: string[], files: Record<string, string | Uint8Array> = {}, stdin = ''): Promise<Result> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (s) => { out += s; },
    err: (s) => { err += s; },
    readFile: async (p) => {
      const key = p.replace(/^\/ws\//, '');
      if (!(key in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      const v = files[key];
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
    readStdin: async () => new TextEncoder().encode(stdin),
    exists: (p) => p.replace(/^\/ws\//, '') in files,
    cwd: '/ws',
    isTTY: false,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const BASE = ['estimate', '--model', 'gpt-4o', '--requests-per-day', '30000', '--input-tokens', '1240', '--output-tokens', '300'];

test('estimate --json: the documented fields, worked by hand', async () => {
  const r = await cli([...BASE, '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  // 1240 x $2.5/1M + 300 x $10/1M = 0.0031 + 0.003 = 0.0061 ; x 30,000 = 183/day ; x 30 = 5,490/month
  assert.ok(Math.abs(j.perRequestUSD - 0.0061) < 1e-12);
  assert.ok(Math.abs(j.dailyUSD - 183) < 1e-9);
  assert.ok(Math.abs(j.monthlyUSD - 5490) < 1e-9);
  assert.equal(j.monthlyWithOverheadsUSD, j.monthlyUSD, 'overheads default to 0 on the CLI');
  assert.equal(j.model, 'gpt-4o');
  assert.equal(j.provider, 'openai');
  assert.equal(j.priceSource.name, '@pydantic/genai-prices');
  assert.match(j.priceSource.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(j.tokens.tokenizer, 'o200k_base');
  assert.equal(j.tokens.tokenizerExact, true);
});

test('estimate: overheads, fixed cost, days, cached input, forecast', async () => {
  const r = await cli([...BASE, '--json', '--retry-pct', '10', '--eval-pct', '15', '--monitoring-pct', '5', '--context-waste-pct', '20', '--fixed-monthly-usd', '500', '--forecast']);
  const j = JSON.parse(r.out);
  // 5490 x 1.5 + 500 = 8735 ; forecast 5490 x 3.75 = 20587.5
  assert.ok(Math.abs(j.monthlyWithOverheadsUSD - 8735) < 1e-6);
  assert.ok(Math.abs(j.forecast.monthlyUSD - 20587.5) < 1e-6);
  assert.equal(j.forecast.multiplier, 3.75);
  const d = JSON.parse((await cli([...BASE, '--json', '--days', '31'])).out);
  assert.ok(Math.abs(d.monthlyUSD - 183 * 31) < 1e-9);
  // 1000 of 1240 cached at $1.25: 240 x 2.5 + 1000 x 1.25 = 600 + 1250 = 1850 /1M = 0.00185 ; + 0.003 = 0.00485
  const c = JSON.parse((await cli([...BASE, '--json', '--cached-input-tokens', '1000'])).out);
  assert.ok(Math.abs(c.perRequestUSD - 0.00485) < 1e-12);
  const b = JSON.parse((await cli([...BASE, '--json', '--batch'])).out);
  assert.ok(Math.abs(b.perRequestUSD - 0.00305) < 1e-12);
  const k = JSON.parse((await cli(['estimate', '--model', 'gpt-4o', '--requests-per-day', '30k', '--input-tokens', '1240', '--output-tokens', '300', '--json'])).out);
  assert.equal(k.requestsPerDay, 30000);
});

test('estimate: the readable table', async () => {
  const r = await cli([...BASE, '--retry-pct', '10', '--forecast']);
  assert.equal(r.code, 0);
  assert.match(r.out, /gpt-4o \(OpenAI\) · prices per 1M tokens as of \d{4}-\d{2}-\d{2}/);
  assert.match(r.out, /Per request\s+\$0\.0061/);
  assert.match(r.out, /Per day\s+\$183/);
  assert.match(r.out, /Per month\s+\$5,490/);
  assert.match(r.out, /\+ retries\s+\$549\s+10%/);
  assert.match(r.out, /Per month with overheads\s+\$6,039/);
  assert.match(r.out, /Forecast \(multiplier method\)\s+\$20,58[78]\s+3\.75x naive/);
});

test('estimate: usage errors exit 2 with a message on stderr', async () => {
  for (const [argv, msg] of [
    [['estimate', '--model', 'gpt-4o', '--input-tokens', '1', '--output-tokens', '1'], /--requests-per-day is required/],
    [[...BASE, '--retry-pct', 'lots'], /--retry-pct expects a number/],
    [[...BASE, '--days', '0'], /--days must be >= 1/],
    [[...BASE, '--cached-input-tokens', '5000'], /--cached-input-tokens must be <= 1240/],
    [['estimate', '--model', 'gpt-4o', '--requests-per-day', '-5', '--input-tokens', '1', '--output-tokens', '1'], /requests-per-day/],
    [[...BASE, '--input-tokens', '1.5'], /whole number/],
    [[...BASE, '--bogus'], /Unknown option '--bogus'/],
    [['estimate', '--model', 'gpt-4-omni', '--requests-per-day', '1', '--input-tokens', '1', '--output-tokens', '1'], /Unknown model 'gpt-4-omni'.*Did you mean/],
  ] as const) {
    const r = await cli([...argv]);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.out}`);
    assert.match(r.err, msg);
    assert.equal(r.out, '');
  }
});

test('estimate: config file with custom models; a bad config is exit 2 naming file and key', async () => {
  const cfg = JSON.stringify({ customModels: { 'acme-llm': { input: 1, output: 2 } } });
  const r = await cli(['estimate', '--model', 'acme-llm', '--requests-per-day', '1000', '--input-tokens', '1000', '--output-tokens', '500', '--json'], { '.promptcost.json': cfg });
  assert.equal(r.code, 0, r.err);
  assert.ok(Math.abs(JSON.parse(r.out).perRequestUSD - 0.002) < 1e-12);
  const bad = await cli([...BASE, '--config', 'cfg.json'], { 'cfg.json': '{"requestsPerDay": "many"}' });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /cfg\.json: "requestsPerDay": .*expected number/);
  const broken = await cli([...BASE, '--config', 'cfg.json'], { 'cfg.json': '{"model": ' });
  assert.equal(broken.code, 2);
  assert.match(broken.err, /not valid JSON/);
  const missing = await cli([...BASE, '--config', 'nope.json']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read config file/);
});

test('count: exact for OpenAI, JSON shape, stdin, estimate for Claude', async () => {
  const text = 'You are a helpful assistant. Answer in JSON.\n<|endoftext|> is plain text here.';
  const want = getEncoding('o200k_base').encode(text, [], []).length;
  const r = await cli(['count', 'p.md', '--json'], { 'p.md': text });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.tokens, want);
  assert.equal(j.encoding, 'o200k_base');
  assert.equal(j.exact, true);
  const s = JSON.parse((await cli(['count', '-', '--json', '--model', 'gpt-4'], {}, text)).out);
  assert.equal(s.tokens, getEncoding('cl100k_base').encode(text, [], []).length);
  assert.equal(s.encoding, 'cl100k_base');
  const c = JSON.parse((await cli(['count', 'p.md', '--json', '--model', 'claude-haiku-4-5'], { 'p.md': text })).out);
  assert.equal(c.exact, false);
  assert.ok(c.tokens > want);
  assert.ok(c.errorPct > 0);
  const human = await cli(['count', 'p.md', '--model', 'claude-haiku-4-5'], { 'p.md': text });
  assert.match(human.out, /^≈\d+ tokens \(claude-haiku-4-5; estimate ±\d+%/);
});

test('count: errors exit 2', async () => {
  assert.equal((await cli(['count', 'missing.md'])).code, 2);
  const bin = await cli(['count', 'x.bin'], { 'x.bin': new Uint8Array([0x50, 0x4b, 0, 0, 1, 2]) });
  assert.equal(bin.code, 2);
  assert.match(bin.err, /looks binary/);
  assert.equal((await cli(['count', 'a', 'b'], { a: 'x', b: 'y' })).code, 2);
  assert.equal((await cli(['count', 'a', '--model', 'nope-model-x'], { a: 'x' })).code, 2);
});

test('models: search, JSON fields, table', async () => {
  const r = await cli(['models', '--search', 'gpt-4o-mini', '--json']);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  const m = j.models.find((x: { id: string; provider: string }) => x.id === 'gpt-4o-mini' && x.provider === 'openai');
  assert.ok(m);
  assert.equal(m.pricesPerMTok.input, 0.15);
  assert.equal(m.tokenizer, 'o200k_base');
  assert.equal(m.exact, true);
  const t = await cli(['models', '--search', 'claude-haiku-4-5']);
  assert.match(t.out, /claude-haiku-4-5\s+anthropic\s+\$1\.00\s+\$0\.100\s+\$1\.25\s+\$5\.00\s+50% off\s+≈ ±\d+%/);
  const all = JSON.parse((await cli(['models', '--json'])).out);
  assert.ok(all.models.length > 500, `${all.models.length} models`);
});

test('top level: help, version, unknown command', async () => {
  assert.equal((await cli([])).code, 2);
  assert.match((await cli(['--help'])).out, /Commands:/);
  assert.equal((await cli(['frobnicate'])).code, 2);
  for (const c of ['estimate', 'count', 'models']) assert.match((await cli([c, '--help'])).out, /^Usage: prompt-cost/);
});

test('the built CLI (dist/cli.js) runs as a program with the right exit codes', { skip: !existsSync('dist/cli.js') && 'run npm run build first' }, () => {
  const ok = spawnSync(process.execPath, ['dist/cli.js', ...BASE, '--json'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(Math.abs(JSON.parse(ok.stdout).monthlyUSD - 5490) < 1e-9);
  const dir = mkdtempSync(join(tmpdir(), 'pcl-cli-'));
  const f = join(dir, 'p.txt');
  writeFileSync(f, '\uFEFFHello world');
  const cnt = spawnSync(process.execPath, ['dist/cli.js', 'count', f, '--json'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(cnt.stdout).tokens, getEncoding('o200k_base').encode('Hello world').length);
  const piped = spawnSync(process.execPath, ['dist/cli.js', 'count', '--json'], { encoding: 'utf8', input: readFileSync(f, 'utf8') });
  assert.equal(JSON.parse(piped.stdout).tokens, 2);
  const bad = spawnSync(process.execPath, ['dist/cli.js', 'estimate', '--model', 'gpt-4o'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /required/);
});

test('the built CLI counts exactly with both rank tables it loads from dist/enc (JSON files, read on first use)', { skip: !existsSync('dist/enc/o200k_base.ranks.json') && 'run npm run build first' }, () => {
  const text = 'Ünïcode 日本語 テスト — emoji 🤖👩‍💻, code `x => x ** 2`, spaces\t\t and "quotes".\n'.repeat(20);
  for (const [model, enc] of [['gpt-4o', 'o200k_base'], ['gpt-4', 'cl100k_base']] as const) {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'count', '--model', model, '--json'], { encoding: 'utf8', input: text });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.exact, true, `${model} is counted exactly`);
    assert.equal(out.tokens, getEncoding(enc).encode(text).length, `${model} (${enc})`);
  }
});
