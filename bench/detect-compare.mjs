// The detector alone, now against an older checkout: same prompts on every file, and CPU throughput of each.
//   node bench/detect-compare.mjs --before /tmp/old/src/core/discovery [--reps 3] [--only ws,fixtures,python,js] [--paired]
// Corpora: the generated bench workspace (run `node bench/audit.mjs` once to make it), the labeled fixtures (code
// files), the Python standard library of this machine (/usr/lib/python3.*) and the JavaScript/TypeScript files of
// node_modules. Exit 1 when any file gives different prompts. Times are CPU time of this thread, best of --reps, the two detectors' runs alternating.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const opt = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const beforeDir = opt('before');
const reps = Number(opt('reps', 3));
const only = opt('only', 'ws,fixtures,python,js').split(',');
// --paired: time each file on its own, the two detectors back to back (order alternating), and sum each file's best
// time over the reps: steadier than whole passes on a host whose speed drifts within seconds
const paired = process.argv.includes('--paired');

const esbuild = (await import('esbuild')).default;
const req = createRequire(import.meta.url);
async function load(entry, name) {
  const out = join(root, 'bench', '.work', name);
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
  return req(out);
}
const now = await load(join(root, 'src/core/discovery/index.ts'), 'compare-now.cjs');
const before = beforeDir ? await load(join(beforeDir, 'index.ts'), 'compare-before.cjs') : undefined;

/** Files under `dir` whose posix path passes `keep`, as [rel, text], at most `maxBytes` in all. */
function tree(dir, keep, maxBytes = Infinity) {
  const out = [];
  let bytes = 0;
  const go = (d) => {
    let entries;
    try { entries = readdirSync(d, { withFileTypes: true }); } catch { return; }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (bytes > maxBytes) return;
      const p = join(d, e.name);
      if (e.isDirectory()) go(p);
      else if (e.isFile()) {
        const rel = relative(dir, p).split('\\').join('/');
        if (!keep(rel) || statSync(p).size > 2 * 1048576) continue;
        const text = readFileSync(p, 'utf8');
        bytes += text.length;
        out.push([rel, text]);
      }
    }
  };
  go(dir);
  return out;
}

const corpora = [];
const ws = join(root, 'bench', '.work', 'ws-20000-190');
if (only.includes('ws') && existsSync(ws)) corpora.push(['bench workspace', tree(ws, () => true)]);
if (only.includes('fixtures')) corpora.push(['labeled fixtures', tree(join(root, 'test', 'fixtures', 'labeled'), () => true)]);
const py = readdirSync('/usr/lib').find((d) => /^python3\.\d+$/.test(d));
if (only.includes('python') && py) corpora.push([`/usr/lib/${py}`, tree(join('/usr/lib', py), (r) => r.endsWith('.py'))]);
if (only.includes('js')) corpora.push(['node_modules .js/.ts', tree(join(root, 'node_modules'), (r) => /\.(?:[cm]?js|ts|tsx)$/.test(r) && !r.endsWith('.d.ts'), 60 * 1048576)]);

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
/** Best CPU time of each detector over the files; runs alternate (now, before, now, …) so load drift hits both alike. */
function times(files) {
  let tNow = Infinity;
  let tBefore = before ? Infinity : NaN;
  for (let r = 0; r < reps; r++) {
    for (const det of before ? [now, before] : [now]) {
      const t = cpu();
      for (const [rel, text] of files) det.detectPrompts(rel, text);
      const dt = cpu() - t;
      if (det === now) tNow = Math.min(tNow, dt);
      else tBefore = Math.min(tBefore, dt);
    }
  }
  return { tNow, tBefore };
}

/** Per-file best times summed (see --paired), as times() gives them. */
function pairedTimes(files) {
  const bestNow = new Float64Array(files.length).fill(Infinity);
  const bestBefore = new Float64Array(files.length).fill(Infinity);
  for (let r = 0; r < reps; r++) {
    for (let f = 0; f < files.length; f++) {
      const [rel, text] = files[f];
      for (let q = 0; q < (before ? 2 : 1); q++) {
        const useNow = !before || (q + r + f) % 2 === 0;
        const t = performance.now();
        (useNow ? now : before).detectPrompts(rel, text);
        const dt = performance.now() - t;
        if (useNow) bestNow[f] = Math.min(bestNow[f], dt);
        else bestBefore[f] = Math.min(bestBefore[f], dt);
      }
    }
  }
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  return { tNow: sum(bestNow), tBefore: before ? sum(bestBefore) : NaN };
}

let differ = 0;
console.log('| corpus | files | MB | prompts | before | now | speed-up |\n|---|---|---|---|---|---|---|');
for (const [name, files] of corpora) {
  const mb = files.reduce((a, [, t]) => a + t.length, 0) / 1048576;
  let prompts = 0;
  for (const [rel, text] of files) {
    const a = now.detectPrompts(rel, text);
    prompts += a.length;
    if (before && !isDeepStrictEqual(a, before.detectPrompts(rel, text))) {
      if (++differ <= 10) console.error(`differs: ${name}: ${rel}`);
    }
  }
  const { tNow, tBefore } = paired ? pairedTimes(files) : times(files);
  const rate = (t) => (Number.isFinite(t) ? `${(mb / (t / 1000)).toFixed(1)} MB/s` : '');
  console.log(`| ${name} | ${files.length} | ${mb.toFixed(1)} | ${prompts} | ${rate(tBefore)} | ${rate(tNow)} | ${before ? `${(tBefore / tNow).toFixed(2)}x` : ''} |`);
}
console.log(before ? (differ ? `\n${differ} files gave different prompts` : '\nsame prompts on every file') : '');
process.exit(differ ? 1 : 0);
