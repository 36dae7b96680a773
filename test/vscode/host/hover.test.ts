import * as assert from 'assert';
import * as vscode from 'vscode';
import { formatInt, formatUSD } from '../../../src/core/format/numbers';
import { activateExtension, coreAnalysis, eventually, open, resetSettings } from './helpers';

async function hoverText(doc: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset))) ?? [];
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .filter((t) => t.includes('Prompt Cost Lens'))
    .join('\n');
}

describe('Hover on a prompt (real extension host)', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await resetSettings();
  });

  it('breaks a template down: static tokens, each variable with its source, cache prefix, output, split, exactness, price date', async () => {
    const doc = await open('prompts/summarize-ticket.md');
    const [a] = await coreAnalysis(doc);
    const text = await eventually(async () => {
      const t = await hoverText(doc, doc.getText().indexOf('Environment'));
      assert.ok(t, 'a hover');
      return t;
    });
    assert.match(text, new RegExp(`\\| Static text \\| ${formatInt(a.staticTokens)} \\|`));
    for (const v of a.variables) assert.ok(text.includes(`\`${v.name}\``), `variable ${v.name} listed`);
    assert.ok(a.variables.length >= 3, 'ticket_id, priority, ticket_text');
    assert.match(text, /default for \w+ names|default/, 'each estimate says where it comes from');
    assert.match(text, new RegExp(`Cacheable static prefix:\\*\\* ${formatInt(a.staticPrefixTokens)} tokens`));
    assert.match(text, new RegExp(`Output, assumed \\(promptCostLens\\.outputTokens\\) \\| ${a.outputTokens}`));
    const r = a.request!;
    assert.ok(text.includes(`**Per request:** ${formatUSD(r.inputUSD)} input + ${formatUSD(r.outputUSD)} output = **${formatUSD(r.totalUSD)}**`), 'input/output split');
    assert.ok(text.includes(`**${formatUSD(a.monthly!.monthlyUSD)}**`), 'monthly cost');
    assert.match(text, /\*\*Count:\*\* exact, o200k_base/);
    assert.match(text, /\*\*Prices\*\* as of \d{4}-\d{2}-\d{2}/);
    assert.ok(!/<[a-z]/i.test(text), 'no HTML: theme-safe Markdown');
  });

  it('shows the estimate band for a non-OpenAI model and the top findings with savings', async () => {
    const reply = await open('src/reply.ts');
    const t1 = await hoverText(reply, reply.getText().indexOf('warm, plain style'));
    assert.match(t1, /\*\*Count:\*\* estimate ±\d+ %/);
    assert.match(t1, /claude-haiku-4-5/);
    const doc = await open('prompts/review-sentiment.md');
    const [a] = await coreAnalysis(doc);
    assert.ok(a.findings.length > 0);
    const t2 = await hoverText(doc, doc.getText().indexOf('Example 3'));
    assert.match(t2, /\*\*Top findings\*\*/);
    assert.match(t2, /\$\(warning\) `few-shot-bloat`/);
    assert.match(t2, /saves/);
  });

  it('gives no hover outside prompts', async () => {
    const doc = await open('src/triage.py');
    assert.strictEqual(await hoverText(doc, doc.getText().indexOf('def triage')), '');
  });
});
