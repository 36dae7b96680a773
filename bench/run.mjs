#!/usr/bin/env node
// Benchmarks of the token counter: the shipped engine (gpt-tokenizer behind src/core/tokenizer) vs js-tiktoken.
//
//   node bench/run.mjs            all sections; prints Markdown and writes bench/README-numbers.md
//   node bench/run.mjs load edit  only the sections with these ids (README-numbers.md is then not written)
//   npm run bench                 builds first, then the same as `node bench/run.mjs`
//
// The tokenizer sources are first bundled with esbuild as the shipped bundles are (CommonJS, gpt-tokenizer's
// encodings behind lazy `import()`) to bench/.work/tokenizer.cjs. Each measurement then runs in a fresh child process
// (`node --expose-gc bench/run.mjs --child TASK …`) that requires the bundle, so caches and heap never leak from one
// measurement into another and no TypeScript loader is timed. Times are wall-clock; CPU time is shown where the
// machine may be shared.
//
// Adding a benchmark: push a section onto `SECTIONS` (or call `addSection()` from another module before `main()`):
//   { id, title, run: async (ctx) => ({ head: ['col', …], rows: [['cell', …]], notes: ['…'] }) }
// For work in a fresh process add a function to `TASKS` and call `child('task', [args])` from the section.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const BUNDLE = join(HERE, '.work', 'tokenizer.cjs');
const MB = 1e6;

/** Bundles src/core/tokenizer like the shipped bundles (CommonJS, Node 20); returns its size in bytes. */
async function bundle() {
  const esbuild = await import('esbuild');
  mkdirSync(dirname(BUNDLE), { recursive: true });
  await esbuild.build({ entryPoints: [join(ROOT, 'src/core/tokenizer/index.ts')], outfile: BUNDLE, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return statSync(BUNDLE).size;
}

// ---------------------------------------------------------------- inputs (deterministic)

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

function randomText(alphabet, n, seed) {
  const chars = [...alphabet];
  const r = rng(seed);
  const out = [];
  for (let len = 0; len < n; len += out[out.length - 1].length) out.push(chars[Math.floor(r() * chars.length)]);
  return out.join('');
}

const corpusDir = join(ROOT, 'test', 'unit', 'fixtures', 'corpus');
const corpusFiles = () => readdirSync(corpusDir).filter((f) => !f.endsWith('.ts')).sort().map((f) => readFileSync(join(corpusDir, f), 'utf8'));

/** ~`bytes` of prompt-like text: lines of the test corpus with 30 % of the words swapped and the digits redrawn. */
export function promptCorpus(bytes, seed = 1) {
  const lines = corpusFiles().join('\n').split('\n');
  const words = [...new Set(lines.join(' ').match(/\p{L}+/gu))];
  const r = rng(seed);
  const out = [];
  for (let size = 0; size < bytes; size += Buffer.byteLength(out[out.length - 1]) + 1) {
    out.push(lines[Math.floor(r() * lines.length)].replace(/\p{L}+/gu, (w) => (r() < 0.3 ? words[Math.floor(r() * words.length)] : w)).replace(/\d/g, () => String(Math.floor(r() * 10))));
  }
  return out.join('\n');
}

const ZH = '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无点物现学';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const MIB = 1 << 20;
/** 1 MiB (UTF-8) strings without whitespace. */
const NO_SPACE = {
  'aaaa…': () => 'a'.repeat(MIB),
  base64: () => randomText(B64, MIB, 2),
  'minified JS': () => {
    const src = corpusFiles().find((t) => t.includes('loadConfig')).replace(/\s+/g, '');
    return src.repeat(Math.ceil(MIB / src.length)).slice(0, MIB);
  },
  'random letters': () => randomText('abcdefghijklmnopqrstuvwxyz', MIB, 3),
  'Chinese, no punctuation': () => randomText(ZH, Math.floor(MIB / 3), 4),
  'Thai, no spaces': () => randomText('การทดสอบภาษาไทยที่ไม่มีช่องว่างระหว่างคำเป็นเรื่องปกติ', Math.floor(MIB / 3), 5),
};

/** Lines of the corpus, multilingual first, up to about 2,000 o200k_base tokens. */
function prompt2k(count) {
  const files = corpusFiles();
  const multi = files.find((t) => t.includes('ภาษาไทย'));
  const lines = [...multi.split('\n'), ...files.filter((t) => t !== multi).join('\n').split('\n')];
  const out = [];
  for (const l of lines) if (out.push(l) && count(out.join('\n')) >= 2000) break;
  return out.join('\n');
}

// ---------------------------------------------------------------- child tasks (run inside `--child`)

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const memory = () => (globalThis.gc?.(), globalThis.gc?.(), process.memoryUsage());
const timed = (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
};

/** `(text) => { tokens, sliced }` for an engine: 'ours' (the bundle), 'raw' (gpt-tokenizer alone) or 'jst' (js-tiktoken). */
async function engineCounter(engine, encoding) {
  if (engine === 'ours') {
    const tok = await createRequire(import.meta.url)(BUNDLE).loadTokenizer(encoding);
    return (t) => tok.count(t);
  }
  if (engine === 'raw') {
    const lib = await import(`gpt-tokenizer/encoding/${encoding}`);
    const ordinary = { disallowedSpecial: new Set() };
    return (t) => ({ tokens: lib.countTokens(t, ordinary), sliced: false });
  }
  const { Tiktoken } = await import('js-tiktoken/lite'); // the main entry would parse every encoding
  const enc = new Tiktoken((await import(`js-tiktoken/ranks/${encoding}`)).default);
  return (t) => ({ tokens: enc.encode(t, [], []).length, sliced: false });
}

export const TASKS = {
  async load([engine, encoding]) {
    const m0 = memory();
    const t0 = performance.now();
    if (engine === 'ours') createRequire(import.meta.url)(BUNDLE);
    const t1 = performance.now();
    const count = await engineCounter(engine, encoding);
    const t2 = performance.now();
    count('warm up');
    const t3 = performance.now();
    const m1 = memory();
    return { requireMs: t1 - t0, loadMs: t2 - t1, firstCountMs: t3 - t2, heapMB: (m1.heapUsed - m0.heapUsed) / MB, rssMB: (m1.rss - m0.rss) / MB };
  },

  async throughput([engine, encoding, mb]) {
    const text = promptCorpus(Number(mb) * MB);
    const count = await engineCounter(engine, encoding);
    count(text.slice(0, 100_000)); // JIT warm-up
    const passes = [timed(() => count(text).tokens)];
    while (passes.length < 3 && passes.reduce((a, p) => a + p.ms, 0) < 15_000) passes.push(timed(() => count(text).tokens));
    const best = passes.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
    return { tokens: best.value, bytes: Buffer.byteLength(text), ms: best.ms, cpuMs: best.cpuMs, passes: passes.length };
  },

  async prompt([engine]) {
    const api = createRequire(import.meta.url)(BUNDLE);
    const tok = await api.loadTokenizer('o200k_base');
    const text = prompt2k((t) => tok.count(t).tokens);
    const count = await engineCounter(engine, 'o200k_base');
    const full = Array.from({ length: 60 }, () => timed(() => count(text)).cpuMs).slice(10);
    const result = { chars: text.length, tokens: count(text).tokens, fullMs: median(full) };
    if (engine !== 'ours') return result;
    const counter = new api.ChunkedCounter(tok);
    counter.count(text);
    const lines = text.split('\n');
    const r = rng(9);
    const edits = [];
    for (let i = 0; i < 300; i++) {
      const k = Math.floor(r() * lines.length);
      lines[k] = lines[k].endsWith(' more') ? lines[k].slice(0, -5) : `${lines[k]} more`; // every edit changes a line
      const edited = lines.join('\n');
      const t = timed(() => counter.count(edited).tokens);
      edits.push(t.cpuMs);
      if (t.value !== tok.count(edited).tokens) throw new Error('chunked count differs from the whole count');
    }
    return { ...result, editMedianMs: median(edits.slice(20)), editP95Ms: p95(edits.slice(20)), chunks: counter.stats.entries };
  },

  async nospace([engine, kind]) {
    const text = NO_SPACE[kind]();
    const count = await engineCounter(engine, 'o200k_base');
    const r = timed(() => count(text));
    return { ms: r.ms, cpuMs: r.cpuMs, tokens: r.value.tokens, sliced: r.value.sliced };
  },

  /** The engine without slicing on single-piece runs of n characters: warm, median of 5 different strings. */
  async piece([alphabet, n]) {
    const tok = await createRequire(import.meta.url)(BUNDLE).loadTokenizer('o200k_base');
    for (let i = 0; i < 3; i++) tok.countExact(randomText(alphabet, Number(n), 100 + i));
    return { ms: median([0, 1, 2, 3, 4].map((i) => timed(() => tok.countExact(randomText(alphabet, Number(n), 200 + i))).cpuMs)) };
  },
};

// ---------------------------------------------------------------- parent: sections

/** Runs `TASK args…` in a fresh process; returns its JSON answer, or { timeout: true } after `timeoutMs`. */
export function child(task, args = [], timeoutMs = 180_000) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', task, ...args.map(String)], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 24 });
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM') return { timeout: true };
  if (r.status !== 0) throw new Error(`bench child ${task} ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const f0 = (x) => Math.round(x).toLocaleString('en-US');
const f1 = (x) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : f0(x));
const ENGINES = [['ours', 'ours (gpt-tokenizer 4.0.0)'], ['jst', 'js-tiktoken 1.0.21']];

export const SECTIONS = [
  {
    id: 'throughput',
    title: 'Throughput on a ~5 MB generated prompt corpus (best of up to 3 passes after a 100 kB warm-up; rates from CPU time)',
    async run() {
      const rows = [];
      for (const enc of ['o200k_base', 'cl100k_base']) {
        for (const [id, name] of [...ENGINES, ['raw', 'gpt-tokenizer 4.0.0 alone (no wrapper, no fixes)']]) {
          const r = child('throughput', [id, enc, 5]);
          rows.push([name, enc, f0(r.tokens), f0(r.tokens / (r.cpuMs / 1000)), f1(r.bytes / MB / (r.cpuMs / 1000)), f0(r.ms), f0(r.cpuMs)]);
        }
      }
      return { head: ['engine', 'encoding', 'tokens', 'tokens/s', 'MB/s', 'wall ms', 'CPU ms'], rows, notes: ['Same token counts from all engines. The corpus is the test corpus (prose, code, JSON, Markdown, 20 languages) with words swapped and digits redrawn.'] };
    },
  },
  {
    id: 'load',
    title: 'Loading one encoding (fresh process each, median of 3; heap and RSS after gc)',
    async run(ctx) {
      const rows = [];
      for (const enc of ['o200k_base', 'cl100k_base']) {
        for (const [id, name] of ENGINES) {
          const runs = [0, 1, 2].map(() => child('load', [id, enc]));
          const m = (k) => median(runs.map((x) => x[k]));
          rows.push([name, enc, id === 'ours' ? f0(m('requireMs')) : '–', f0(m('loadMs')), f1(m('firstCountMs')), f1(m('heapMB')), f1(m('rssMB'))]);
        }
      }
      return {
        head: ['engine', 'encoding', 'require bundle ms', 'load ms', 'first count ms', 'heap +MB', 'RSS +MB'],
        rows,
        notes: [`ours: \`require()\` of the ${f0(ctx.bundleBytes / 1024)} KiB CommonJS bundle (both encodings inside, parsed but not evaluated), then \`await loadTokenizer(enc)\` (evaluates that encoding, installs and checks the U+FEFF fix and the ASCII fast path). js-tiktoken: \`js-tiktoken/lite\` + its rank file + \`new Tiktoken()\`.`],
      };
    },
  },
  {
    id: 'edit',
    title: '2,000-token multilingual prompt (o200k_base, warm, median CPU time)',
    async run() {
      const ours = child('prompt', ['ours']);
      const jst = child('prompt', ['jst']);
      return {
        head: ['measurement', 'ours', 'js-tiktoken'],
        rows: [
          ['prompt', `${f0(ours.tokens)} tokens, ${f0(ours.chars)} chars`, `${f0(jst.tokens)} tokens`],
          ['full count', `${f1(ours.fullMs)} ms`, `${f1(jst.fullMs)} ms`],
          ['recount after a one-line edit (ChunkedCounter)', `${f0(ours.editMedianMs * 1000)} µs median, ${f0(ours.editP95Ms * 1000)} µs p95`, '–'],
        ],
        notes: [`300 random one-line edits; each recount is checked against the whole-text count. ChunkedCounter held ${ours.chunks} chunks.`],
      };
    },
  },
  {
    id: 'nospace',
    title: '1 MiB without whitespace (o200k_base, fresh process each, cold)',
    async run() {
      const rows = [];
      for (const kind of Object.keys(NO_SPACE)) {
        const o = child('nospace', ['ours', kind]);
        const j = child('nospace', ['jst', kind], 15_000);
        rows.push([kind, f0(o.tokens), o.sliced ? 'sliced/sampled (≈)' : 'exact', f0(o.ms), f0(o.cpuMs), j.timeout ? '> 15,000 (stopped)' : `${f0(j.ms)} (${f0(j.tokens)} tokens)`]);
      }
      return { head: ['content', 'tokens (ours)', 'ours', 'ours ms', 'ours CPU ms', 'js-tiktoken ms'], rows, notes: ['Random content: nothing for a merge cache to reuse.'] };
    },
  },
  {
    id: 'piece',
    title: 'Why long runs are sliced: one single-piece run counted exactly by the engine, no slicing (warm, median CPU time of 5)',
    async run() {
      const rows = [128, 256, 1000, 2000, 4000].map((n) => [f0(n), f1(child('piece', [ZH, n]).ms), f1(child('piece', ['abcdefghijklmnopqrstuvwxyz', n]).ms)]);
      return { head: ['run length (chars)', 'Chinese ms', 'random letters ms'], rows, notes: ['Runs of one character class longer than 256 characters are counted in slices, runs without whitespace longer than 16,384 from samples (≈, `sliced: true`).'] };
    },
  },
];

export const addSection = (section) => SECTIONS.push(section);

const table = ({ head, rows }) => [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

export async function main(argv = process.argv.slice(2)) {
  const only = argv.filter((a) => !a.startsWith('-'));
  const cpu = cpus();
  const env = `Node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${f0(totalmem() / 2 ** 30)} GiB RAM, load average ${loadavg()[0].toFixed(1)} at start, ${new Date().toISOString().slice(0, 10)}`;
  const parts = ['# Token counter benchmark', '', `Measured with \`node bench/run.mjs\` on ${env}. On a shared machine wall-clock times inflate with the load; CPU-time columns are the steadier ones.`, ''];
  const ctx = { bundleBytes: await bundle() };
  for (const s of SECTIONS.filter((x) => only.length === 0 || only.includes(x.id))) {
    process.stderr.write(`bench: ${s.id}…\n`);
    const r = await s.run(ctx);
    parts.push(`## ${s.title}`, '', table(r), '', ...(r.notes ?? []).flatMap((n) => [n, '']));
  }
  const md = parts.join('\n').trimEnd() + '\n';
  process.stdout.write(md);
  if (only.length === 0) writeFileSync(join(HERE, 'README-numbers.md'), md);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) {
    const [task, ...args] = process.argv.slice(i + 1);
    process.stdout.write(JSON.stringify(await TASKS[task](args)) + '\n');
  } else await main();
}
