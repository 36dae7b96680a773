// Audit speed on a generated workspace (~190 MB, 20k files of code, prompts and docs), against ripgrep and a plain
// Node walk-and-read measured in the same run. Targets: >= 100 MB/s, >= 10k files/s, < 400 MB peak memory.
//   node bench/audit.mjs [--files 20000] [--mb 190] [--runs 3]
//   node bench/audit.mjs --langs [--files 2000 --mb 19] [--reps 7]   detector MB/s per language, before/after
//   node bench/audit.mjs --cli /path/to/other/dist/cli.js            the same audit runs with another build (before/after)
// Every timing is the best of --runs runs (the machine is shared: other load only ever makes a run slower). CPU time is
// user + system time of the whole process (all threads), which load disturbs less than wall time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const FILES = arg('files', 20000);
const MB = arg('mb', 190);
const RUNS = arg('runs', 3);
const ws = join(root, 'bench', '.work', `ws-${FILES}-${MB}`);
const cliArg = process.argv.indexOf('--cli');
const CLI = cliArg > 0 ? process.argv[cliArg + 1] : join(root, 'dist', 'cli.js');

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const WORDS = 'the user order invoice account request response value total count item list data error retry cache model token price customer support ticket summary answer question context history document'.split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

function codeFile(ext, bytes, withPrompt) {
  const lines = [];
  if (withPrompt) {
    if (ext === 'py') lines.push('SYSTEM_PROMPT = """You are a support assistant for ACME. Answer the customer\'s question using the context.', `Be concise. ${sentence(40)}`, 'Context: {context}', 'Question: {question}"""', '', 'resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "system", "content": SYSTEM_PROMPT}])');
    else lines.push('const SYSTEM_PROMPT = `You are a careful reviewer. Review the diff and list issues.', `${sentence(40)}`, 'Diff: ${diff}`;', 'await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: SYSTEM_PROMPT }] });');
  }
  let size = lines.join('\n').length;
  let i = 0;
  while (size < bytes) {
    const l = ext === 'py'
      ? [`def handler_${i}(request, order_id):`, `    """Return the ${pick(WORDS)} for an ${pick(WORDS)}."""`, `    total = compute_${pick(WORDS)}(request, ${i})`, `    log.info("processed %s in %d ms", order_id, total)`, `    return {"status": "ok", "value": total}`, '']
      : ext === 'go'
        ? [`func Handler${i}(ctx context.Context, id string) (int, error) {`, `\tv, err := store.Get(ctx, "${pick(WORDS)}-" + id)`, `\tif err != nil { return 0, fmt.Errorf("get ${pick(WORDS)}: %w", err) }`, `\treturn v * ${i}, nil`, '}', '']
        : ext === 'java'
          ? [`  public int handle${i}(String id) {`, `    logger.info("handling {} for ${pick(WORDS)}", id);`, `    return repository.count${i}(id) + ${i};`, '  }', '']
          : [`export function handler${i}(req: Request): number {`, `  const v = req.${pick(WORDS)} ?? ${i};`, `  console.log(\`processed \${v} ${pick(WORDS)}\`);`, `  return v * 2;`, '}', ''];
    lines.push(...l);
    size += l.join('\n').length + 1;
    i++;
  }
  return lines.join('\n');
}

function generate() {
  if (existsSync(join(ws, '.done'))) return;
  rmSync(ws, { recursive: true, force: true });
  const avg = (MB * 1024 * 1024) / FILES;
  for (let i = 0; i < FILES; i++) {
    const dir = join(ws, `pkg${i % 200}`, `mod${i % 17}`);
    mkdirSync(dir, { recursive: true });
    const r = rnd();
    const bytes = Math.max(200, Math.round(avg * (0.3 + rnd() * 1.4)));
    if (r < 0.02) writeFileSync(join(dir, `prompt${i}.md`), `---\nname: p${i}\n---\nYou are an assistant. ${sentence(Math.round(bytes / 7))}\n\nUser question: {{question}}\n`.replace('---\nname', '---\nname').replace(/^/, ''));
    else if (r < 0.05) writeFileSync(join(dir, `README${i}.md`), `# Module ${i}\n\n${sentence(Math.round(bytes / 7))}\n`);
    else {
      const ext = pick(['py', 'ts', 'go', 'java']);
      writeFileSync(join(dir, `file${i}.${ext}`), codeFile(ext, bytes, rnd() < 0.03));
    }
  }
  mkdirSync(join(ws, 'prompts'), { recursive: true });
  writeFileSync(join(ws, 'prompts', 'system.md'), `You are a helpful assistant. ${sentence(300)}\n`);
  writeFileSync(join(ws, '.done'), '');
}

// preloaded into a benchmarked process: its peak RSS (KiB, all threads) and CPU time (µs, all threads) at exit
const hookFile = join(root, 'bench', '.work', 'usage-hook.cjs');

function timed(cmd, args, opts = {}) {
  const usageFile = join(root, 'bench', '.work', 'usage.json');
  rmSync(usageFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts, env: { ...process.env, PCL_USAGE_FILE: usageFile, ...(opts.env ?? {}) } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const u = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) : undefined;
  return { ms, rss: u ? u.maxRSS / 1024 : undefined, cpuMs: u ? (u.userCPUTime + u.systemCPUTime) / 1000 : undefined, status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** The best of `n` runs of `f` (least wall time; least CPU time and most memory seen). */
function best(n, f) {
  let out;
  for (let i = 0; i < n; i++) {
    const r = f();
    if (!out) out = r;
    else out = { ...out, ms: Math.min(out.ms, r.ms), cpuMs: r.cpuMs === undefined ? out.cpuMs : Math.min(out.cpuMs ?? Infinity, r.cpuMs), rss: Math.max(out.rss ?? 0, r.rss ?? 0) || undefined };
  }
  return out;
}

function plainWalk() {
  const t0 = process.hrtime.bigint();
  let n = 0;
  let bytes = 0;
  const go = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) go(p); else { bytes += readFileSync(p).length; n++; } } };
  go(ws);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, n, bytes };
}

/** Files under `dir` (relative posix path, text). */
function readTree(dir) {
  const out = [];
  const go = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) go(p); else out.push([relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8')]); } };
  go(dir);
  return out;
}

/**
 * Detector throughput per language, CPU time of this thread, best of `reps`, on the generated workspace and on the
 * labeled fixtures (each file repeated to about 1 MB per language). With `--before DIR` (the src/core/discovery folder
 * of an older checkout, e.g. from `git worktree add /tmp/old be70463`) it also runs that detector and checks that
 * both give the same prompts.
 */
async function langs() {
  const esbuild = (await import('esbuild')).default;
  const req = createRequire(import.meta.url);
  const load = async (entry, name) => {
    const out = join(root, 'bench', '.work', name);
    await esbuild.build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
    return req(out);
  };
  const now = await load('src/core/discovery/index.ts', 'detect-new.cjs');
  const beforeAt = process.argv.indexOf('--before');
  const before = beforeAt > 0 ? await load(join(process.argv[beforeAt + 1], 'index.ts'), 'detect-old.cjs') : undefined;
  const reps = arg('reps', 7);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const groups = new Map();
  const add = (key, rel, text) => { if (!groups.has(key)) groups.set(key, []); groups.get(key).push([rel, text]); };
  for (const [rel, text] of readTree(ws)) add(`workspace .${rel.split('.').pop()}`, rel, text);
  const fixtures = readTree(join(root, 'test', 'fixtures', 'labeled')).filter(([rel]) => /\.(?:py|ts|tsx|js|go|java|kt)$/.test(rel));
  for (const ext of ['py', 'ts', 'tsx', 'js', 'go', 'java', 'kt']) {
    const fs = fixtures.filter(([rel]) => rel.endsWith(`.${ext}`));
    if (!fs.length) continue;
    const size = fs.reduce((a, [, t]) => a + t.length, 0);
    for (let k = 0; k * size < 1048576; k++) for (const [rel, text] of fs) add(`fixtures .${ext}`, rel, text);
  }
  const rows = [];
  let differ = 0;
  for (const [key, fs] of groups) {
    const mb = fs.reduce((a, [, t]) => a + t.length, 0) / 1048576;
    if (mb < 0.05) continue;
    if (before) for (const [rel, text] of fs.slice(0, 400)) if (!isDeepStrictEqual(now.detectPrompts(rel, text), before.detectPrompts(rel, text))) differ++;
    let tNew = Infinity;
    let tOld = Infinity;
    for (let r = 0; r < reps; r++) {
      let t = cpu();
      if (before) for (const [rel, text] of fs) before.detectPrompts(rel, text);
      tOld = before ? Math.min(tOld, cpu() - t) : NaN;
      t = cpu();
      for (const [rel, text] of fs) now.detectPrompts(rel, text);
      tNew = Math.min(tNew, cpu() - t);
    }
    rows.push([key, `${mb.toFixed(1)} MB`, `${(mb / (tOld / 1000)).toFixed(1)} MB/s`, `${(mb / (tNew / 1000)).toFixed(1)} MB/s`, `${(tOld / tNew).toFixed(1)}x`]);
  }
  console.log('\n| detector, one thread (CPU time) | size | before | after | speed-up |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(differ ? `\n${differ} files gave different prompts` : '\nsame prompts before and after on every file compared');
  if (differ) process.exit(1);
}

generate();
mkdirSync(join(root, 'bench', '.work'), { recursive: true });
writeFileSync(hookFile, "process.on('exit', () => { if (process.env.PCL_USAGE_FILE) require('node:fs').writeFileSync(process.env.PCL_USAGE_FILE, JSON.stringify(process.resourceUsage())); });\n");
if (process.argv.includes('--langs')) {
  await langs();
  process.exit(0);
}
let walkRes = plainWalk();
for (let i = 1; i < RUNS; i++) {
  const w = plainWalk();
  if (w.ms < walkRes.ms) walkRes = w;
}
const totalMB = walkRes.bytes / 1048576;
console.log(`workspace: ${walkRes.n} files, ${totalMB.toFixed(0)} MB (${ws}); ${CLI}; best of ${RUNS} runs`);
const rg = spawnSync('rg', ['--version']).status === 0 ? best(RUNS, () => timed('rg', ['-c', '--no-messages', 'You are', ws])) : undefined;
const audits = [];
for (const workers of [0, 2]) {
  const out = join(root, 'bench', '.work', `audit-${workers}.json`);
  const r = best(RUNS, () => {
    const x = timed(process.execPath, ['--require', hookFile, CLI, 'audit', ws, '--format', 'json', '--out', out, '--quiet', '--workers', String(workers)]);
    if (x.status !== 0) { console.error(x.stderr); process.exit(1); }
    return x;
  });
  const rep = JSON.parse(readFileSync(out, 'utf8'));
  audits.push({ workers, ...r, prompts: rep.totals.prompts, scanned: rep.totals.filesScanned });
}
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [
  ['ripgrep `rg -c "You are"`', rg ? sec(rg.ms) : 'not installed', rg ? `${(totalMB / (rg.ms / 1000)).toFixed(0)} MB/s` : '', '', rg?.cpuMs !== undefined ? sec(rg.cpuMs) : '', ''],
  ['plain Node walk + read', sec(walkRes.ms), `${(totalMB / (walkRes.ms / 1000)).toFixed(0)} MB/s`, `${Math.round(walkRes.n / (walkRes.ms / 1000))} files/s`, '', ''],
  ...audits.map((a) => [`audit, ${a.workers === 0 ? '1 thread' : walkRes.bytes > 32 * 1048576 || walkRes.n > 8000 ? `${a.workers} worker threads` : `--workers ${a.workers} (one thread: under 32 MB)`} (${a.prompts} prompts)`, sec(a.ms), `${(totalMB / (a.ms / 1000)).toFixed(0)} MB/s`, `${Math.round(a.scanned / (a.ms / 1000))} files/s`, a.cpuMs !== undefined ? sec(a.cpuMs) : '?', a.rss ? `${a.rss.toFixed(0)} MB` : '?']),
];
console.log('\n| run | wall time | throughput | files/s | CPU time | peak RSS |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (rg) console.log(`\naudit (2 workers) / ripgrep time: ${(audits[1].ms / rg.ms).toFixed(1)}x`);
