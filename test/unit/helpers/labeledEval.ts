/** Runs prompt discovery over the labeled fixture workspace and scores it against labels.json. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { detectPrompts, isCandidateFile, type DetectedPrompt } from '../../../src/core/discovery/index';

export const LABELED_ROOT = join(__dirname, '..', '..', 'fixtures', 'labeled');

export interface Label { file: string; startLine: number; endLine: number; kind: string; frequency?: string }
interface Labels { prompts: Label[]; lookalikes: Array<{ file: string; line: number; what: string }> }

export interface Found extends DetectedPrompt { file: string }

export interface KindScore { kind: string; labels: number; found: number; tp: number; precision: number; recall: number }

export interface EvalResult {
  labels: Label[];
  found: Found[];
  tp: Array<{ label: Label; found: Found }>;
  falsePositives: Found[];
  misses: Label[];
  precision: number;
  recall: number;
  exactSpan: number;
  kindAgreement: number;
  frequencyAgreement: number;
  lookalikesHit: Array<{ file: string; line: number; what: string }>;
  lookalikes: number;
  perKind: KindScore[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** `transform` rewrites each file's text before detection (e.g. to CRLF line ends). */
export function evaluateLabeled(transform: (text: string) => string = (t) => t): EvalResult {
  const labels = JSON.parse(readFileSync(join(LABELED_ROOT, 'labels.json'), 'utf8')) as Labels;
  const found: Found[] = [];
  for (const abs of walk(LABELED_ROOT)) {
    const rel = relative(LABELED_ROOT, abs).split(sep).join('/');
    if (rel === 'labels.json' || !isCandidateFile(rel)) continue;
    for (const d of detectPrompts(rel, transform(readFileSync(abs, 'utf8')))) found.push({ ...d, file: rel });
  }
  // one-to-one matching by line overlap, largest overlap first
  const pairs: Array<{ li: number; fi: number; overlap: number }> = [];
  labels.prompts.forEach((l, li) =>
    found.forEach((f, fi) => {
      if (f.file !== l.file) return;
      const overlap = Math.min(l.endLine, f.endLine + 1) - Math.max(l.startLine, f.startLine + 1) + 1;
      if (overlap > 0) pairs.push({ li, fi, overlap });
    }),
  );
  pairs.sort((a, b) => b.overlap - a.overlap);
  const usedL = new Set<number>();
  const usedF = new Set<number>();
  const tp: EvalResult['tp'] = [];
  for (const p of pairs) {
    if (usedL.has(p.li) || usedF.has(p.fi)) continue;
    usedL.add(p.li);
    usedF.add(p.fi);
    tp.push({ label: labels.prompts[p.li], found: found[p.fi] });
  }
  const falsePositives = found.filter((_, i) => !usedF.has(i));
  const misses = labels.prompts.filter((_, i) => !usedL.has(i));
  const exact = tp.filter(({ label, found: f }) => f.startLine + 1 === label.startLine && f.endLine + 1 === label.endLine).length;
  const kindOk = tp.filter(({ label, found: f }) => f.kind === label.kind).length;
  const withFreq = tp.filter(({ label }) => label.frequency);
  const freqOk = withFreq.filter(({ label, found: f }) => f.frequency === label.frequency).length;
  const lookalikesHit = labels.lookalikes.filter((n) => found.some((f) => f.file === n.file && f.startLine + 1 <= n.line && n.line <= f.endLine + 1));
  const kinds = [...new Set(labels.prompts.map((l) => l.kind))].sort();
  const perKind = kinds.map((kind) => {
    const ls = labels.prompts.filter((l) => l.kind === kind).length;
    const fs = found.filter((f) => f.kind === kind).length;
    const t = tp.filter(({ label, found: f }) => label.kind === kind && f.kind === kind).length;
    return { kind, labels: ls, found: fs, tp: t, precision: fs ? t / fs : 1, recall: ls ? t / ls : 1 };
  });
  return {
    labels: labels.prompts,
    found,
    tp,
    falsePositives,
    misses,
    precision: found.length ? tp.length / found.length : 1,
    recall: labels.prompts.length ? tp.length / labels.prompts.length : 1,
    exactSpan: tp.length ? exact / tp.length : 1,
    kindAgreement: tp.length ? kindOk / tp.length : 1,
    frequencyAgreement: withFreq.length ? freqOk / withFreq.length : 1,
    lookalikesHit,
    lookalikes: labels.lookalikes.length,
    perKind,
  };
}
