// Audit speed on a generated workspace (~190 MB, 20k files of code, prompts and docs), against ripgrep and a plain
// Node walk-and-read measured in the same run. Targets: >= 100 MB/s, >= 10k files/s, < 400 MB peak memory.
//   node bench/audit.mjs [--files 20000] [--mb 190] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const FILES = arg('files', 20000);
const MB = arg('mb', 190);
const ws = join(root, 'bench', '.work', `ws-${FILES}-${MB}`);

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

function timed(cmd, args, opts = {}) {
  const rssFile = join(root, 'bench', '.work', 'maxrss');
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts, env: { ...process.env, PCL_MAXRSS_FILE: rssFile, ...(opts.env ?? {}) } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : undefined;
  return { ms, rss, status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function plainWalk() {
  const t0 = process.hrtime.bigint();
  let n = 0;
  let bytes = 0;
  const go = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) go(p); else { bytes += readFileSync(p).length; n++; } } };
  go(ws);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, n, bytes };
}

generate();
const walkRes = plainWalk();
const totalMB = walkRes.bytes / 1048576;
console.log(`workspace: ${walkRes.n} files, ${totalMB.toFixed(0)} MB (${ws})`);
const rg = spawnSync('rg', ['--version']).status === 0 ? timed('rg', ['-c', '--no-messages', 'You are', ws]) : undefined;
const hook = join(root, 'bench', 'maxrss-hook.cjs');
const audits = [];
for (const workers of [0, 2]) {
  const out = join(root, 'bench', '.work', `audit-${workers}.json`);
  const r = timed(process.execPath, ['--require', hook, join(root, 'dist', 'cli.js'), 'audit', ws, '--format', 'json', '--out', out, '--quiet', '--workers', String(workers)]);
  if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
  const rep = JSON.parse(readFileSync(out, 'utf8'));
  audits.push({ workers, ...r, prompts: rep.totals.prompts, scanned: rep.totals.filesScanned });
}
const rows = [
  ['ripgrep `rg -c "You are"`', rg ? `${(rg.ms / 1000).toFixed(2)} s` : 'not installed', rg ? `${(totalMB / (rg.ms / 1000)).toFixed(0)} MB/s` : '', '', ''],
  ['plain Node walk + read', `${(walkRes.ms / 1000).toFixed(2)} s`, `${(totalMB / (walkRes.ms / 1000)).toFixed(0)} MB/s`, `${Math.round(walkRes.n / (walkRes.ms / 1000))} files/s`, ''],
  ...audits.map((a) => [`audit, ${a.workers === 0 ? '1 thread' : `${a.workers} worker threads`} (${a.prompts} prompts)`, `${(a.ms / 1000).toFixed(2)} s`, `${(totalMB / (a.ms / 1000)).toFixed(0)} MB/s`, `${Math.round(a.scanned / (a.ms / 1000))} files/s`, a.rss ? `${a.rss.toFixed(0)} MB` : '?']),
];
console.log('\n| run | wall time | throughput | files/s | peak RSS |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (rg) console.log(`\naudit (2 workers) / ripgrep time: ${(audits[1].ms / rg.ms).toFixed(1)}x`);
if (!process.argv.includes('--keep')) { /* the workspace is kept in bench/.work for the next run; delete it by hand */ }
