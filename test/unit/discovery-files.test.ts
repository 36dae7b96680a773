import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPrompts, isCandidateFile } from '../../src/core/discovery/index';

const texts = (path: string, src: string): string[] => detectPrompts(path, src).map((p) => p.text);

test('isCandidateFile: by name, place and extension', () => {
  for (const p of ['app/x.py', 'web/a.tsx', 'cmd/main.go', 'A.java', 'b.kts', 'prompts/a.md', 'x/prompts/b.txt', 'a.prompty', 'a.prompt', 't.j2', 'skprompt.txt', 'AGENTS.md', 'sub/CLAUDE.md', '.cursorrules', '.cursor/rules/x.mdc', '.github/copilot-instructions.md', '.github/instructions/py.instructions.md', '.github/prompts/r.prompt.md', 'promptfooconfig.yaml', 'config/agent.yaml', 'c.json', 'notes/x.prompt.md', 'patterns/p/system.md']) {
    assert.ok(isCandidateFile(p), p);
  }
  for (const p of ['README.md', 'docs/guide.md', 'prompts/README.md', 'CHANGELOG.md', 'node_modules/x/a.js', 'a.min.js', 'types.d.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'locales/en.json', 'i18n/de.yaml', 'fr.json', 'image.png', 'LICENSE']) {
    assert.ok(!isCandidateFile(p), p);
  }
});

test('agent files: always-on, conditional and on-demand', () => {
  const body = 'Run the tests before every commit and keep functions short.';
  const freq = (path: string, src: string) => detectPrompts(path, src).map((p) => [p.kind, p.format, p.frequency]);
  assert.deepEqual(freq('AGENTS.md', body), [['agent-instructions', 'agents-md', 'always']]);
  assert.deepEqual(freq('.claude/CLAUDE.md', body), [['agent-instructions', 'claude-md', 'always']]);
  assert.deepEqual(freq('.cursor/rules/a.mdc', `---\nalwaysApply: true\n---\n${body}`), [['agent-instructions', 'cursor-rule', 'always']]);
  assert.deepEqual(freq('.cursor/rules/b.mdc', `---\nalwaysApply: "true"\n---\n${body}`), [['agent-instructions', 'cursor-rule', 'on-demand']]);
  assert.deepEqual(freq('.cursor/rules/c.mdc', `---\nglobs: src/**/*.ts\nalwaysApply: false\n---\n${body}`), [['agent-instructions', 'cursor-rule', 'conditional']]);
  assert.deepEqual(freq('.github/instructions/py.instructions.md', `---\napplyTo: "**/*.py"\n---\n${body}`), [['agent-instructions', 'copilot-instructions', 'conditional']]);
  assert.deepEqual(freq('.github/prompts/r.prompt.md', `---\nmode: ask\n---\n${body}`), [['agent-instructions', 'copilot-prompt', 'on-demand']]);
  const p = detectPrompts('.cursor/rules/a.mdc', `---\nalwaysApply: true\n---\n\n${body}\n`)[0];
  assert.deepEqual([p.startLine, p.endLine, p.text], [4, 4, body]);
  assert.deepEqual(detectPrompts('AGENTS.md', '---\nx: 1\n---\n   \n'), []);
});

test('prompty: one prompt per role section, model from the front matter', () => {
  const src = '---\nname: Support\nmodel:\n  configuration:\n    azure_deployment: gpt-4o-mini\n---\nsystem:\nYou are a support agent.\n\nuser:\n{{question}}\n';
  const found = detectPrompts('p/support.prompty', src);
  assert.deepEqual(found.map((f) => [f.role, f.text, f.startLine, f.model, f.templateSyntax]), [
    ['system', 'You are a support agent.', 7, 'gpt-4o-mini', 'jinja'],
    ['user', '{{question}}', 10, 'gpt-4o-mini', 'jinja'],
  ]);
});

test('.prompt: Dotprompt is a prompt, the init-do DSL is not', () => {
  const dot = detectPrompts('a.prompt', '---\nmodel: googleai/gemini-2.5-flash\n---\n{{role "system"}}\nYou write summaries.\n');
  assert.deepEqual(dot.map((d) => [d.format, d.model, d.templateSyntax, d.startLine]), [['dotprompt', 'gemini-2.5-flash', 'handlebars', 3]]);
  assert.deepEqual(texts('b.prompt', 'init do\n  @name = "x"\nend init\nsay "You are welcome here, #{@name}."\n'), []);
});

test('templates: prompts under prompts/, not HTML or config templates elsewhere', () => {
  assert.deepEqual(texts('prompts/a.j2', '{# comment #}\nClassify {{ review }} as positive or negative.'), ['Classify {{ review }} as positive or negative.']);
  assert.deepEqual(texts('roles/web/templates/site.conf.j2', 'server {\n  listen 80;\n  server_name {{ host }};\n}\n'), []);
  assert.deepEqual(texts('templates/mail.html.j2', '<html><body><p>You are subscribed, {{ name }}.</p></body></html>'), []);
  assert.deepEqual(texts('views/header.hbs', '<header>{{#if user}}<span>You are signed in</span>{{/if}}</header>'), []);
  assert.equal(detectPrompts('a/skprompt.txt', 'Write a poem about {{$input}}.')[0].templateSyntax, 'sk');
});

test('markdown: under prompts/, Fabric patterns and *.prompt.md; docs named system.md are not', () => {
  assert.equal(texts('prompts/extract.md', '# Extract\n\nYou extract entities.').length, 1);
  assert.equal(detectPrompts('patterns/summarize/system.md', '# IDENTITY\n\nYou summarize.')[0].role, 'system');
  assert.deepEqual(texts('docs/system.md', '# System overview\n\nThe sync service has three parts: client, gateway and workers.'), []);
  assert.deepEqual(texts('prompts/README.md', 'This folder holds prompts. You are welcome to improve them.'), []);
});

test('YAML: block scalars, folded scalars, role/content messages, promptfoo entries', () => {
  const yaml = 'agent:\n  system_prompt: |\n    You are a research assistant.\n    Cite the DOI.\n  instructions: >\n    When asked for a review, list the\n    search terms first.\n  description: Finds and summarizes papers for the team every Monday.\n  few_shot:\n    - role: user\n      content: Find papers on CRISPR off-target effects.\n';
  const found = detectPrompts('config/agent.yaml', yaml);
  assert.deepEqual(found.map((f) => [f.text, f.startLine, f.endLine, f.format]), [
    ['You are a research assistant.\nCite the DOI.', 2, 3, 'yaml-key'],
    ['When asked for a review, list the search terms first.', 5, 6, 'yaml-key'],
    ['Find papers on CRISPR off-target effects.', 10, 10, 'yaml-key'],
  ]);
  const pf = detectPrompts('promptfooconfig.yaml', 'prompts:\n  - file://prompts/a.md\n  - "Answer in one paragraph: {{question}}"\ntests:\n  - vars:\n      question: Can I get my money back for last month?\n');
  assert.deepEqual(pf.map((p) => [p.format, p.text, p.templateSyntax]), [['promptfoo', 'Answer in one paragraph: {{question}}', 'jinja']]);
});

test('JSON: prompt keys and role/content messages; i18n files and UI keys are not prompts', () => {
  const json = '{"tasks": {"faq": {"system_prompt": "You answer FAQ questions using the entries provided, nothing else."}},\n "messages": [{"role": "system", "content": "Decide whether the post breaks the rules."}, {"role": "user", "content": "{{post}}"}],\n "ui": {"empty": "You have not asked anything yet. Type a question to get started."}}';
  assert.deepEqual(detectPrompts('config/llm.json', json).map((p) => p.role), ['system', 'system']);
  assert.deepEqual(texts('locales/en.json', '{"prompt": "Tell us what you would like to use Acme for, so we can suggest a plan."}'), []);
  assert.deepEqual(texts('data/recipes.json', '[{"name": "Soup", "instructions": "Preheat the oven to 200C. Roast the tomatoes for 25 minutes, then blend."}]'), []);
  assert.equal(texts('config/bot.json', '{"model": "gpt-4o", "instructions": "Preheat nothing. Summarize the expense report for approval."}').length, 1);
});
