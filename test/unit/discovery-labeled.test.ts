import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateLabeled } from './helpers/labeledEval';

// Precision and recall of prompt discovery over the labeled fixture workspace (test/fixtures/labeled):
// every prompt a human would call one is in labels.json; everything else found is a false positive.
test('labeled workspace: precision and recall >= 0.9', () => {
  const r = evaluateLabeled();
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  console.log(`discovery on the labeled workspace: ${r.labels.length} labeled prompts, ${r.found.length} found, ${r.tp.length} matched, ${r.lookalikes} look-alikes listed`);
  console.log(`  precision ${pct(r.precision)}  recall ${pct(r.recall)}  exact line span ${pct(r.exactSpan)}  kind ${pct(r.kindAgreement)}  frequency ${pct(r.frequencyAgreement)}  look-alikes hit ${r.lookalikesHit.length}/${r.lookalikes}`);
  for (const k of r.perKind) console.log(`  ${k.kind.padEnd(20)} labels ${String(k.labels).padStart(3)}  found ${String(k.found).padStart(3)}  precision ${pct(k.precision)}  recall ${pct(k.recall)}`);
  for (const f of r.falsePositives) console.log(`  false positive: ${f.file}:${f.startLine + 1}-${f.endLine + 1} ${f.kind} ${f.confidence} [${f.evidence.join('; ')}]`);
  for (const m of r.misses) console.log(`  missed: ${m.file}:${m.startLine}-${m.endLine} ${m.kind}`);
  assert.ok(r.labels.length >= 60, 'at least 60 labeled prompts');
  assert.ok(r.lookalikes >= 60, 'at least 60 look-alikes');
  assert.ok(r.precision >= 0.9, `precision ${pct(r.precision)}`);
  assert.ok(r.recall >= 0.9, `recall ${pct(r.recall)}`);
  assert.ok(r.exactSpan >= 0.9, `exact line spans ${pct(r.exactSpan)}`);
  assert.ok(r.kindAgreement >= 0.95, `kinds ${pct(r.kindAgreement)}`);
  assert.ok(r.frequencyAgreement >= 0.95, `agent file frequencies ${pct(r.frequencyAgreement)}`);
});

test('labeled workspace: the same prompts and spans with CRLF line ends', () => {
  const lf = evaluateLabeled();
  const crlf = evaluateLabeled((t) => t.replace(/\r?\n/g, '\r\n'));
  const key = (f: { file: string; startLine: number; endLine: number; kind: string }): string => `${f.file}:${f.startLine}-${f.endLine}:${f.kind}`;
  assert.deepEqual(crlf.found.map(key), lf.found.map(key));
  assert.deepEqual(crlf.found.map((f) => f.text), lf.found.map((f) => f.text));
});
