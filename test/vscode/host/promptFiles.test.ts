import * as assert from 'assert';
import { isDedicatedPromptFile } from '../../../src/vscode/promptFiles';

describe('isDedicatedPromptFile', () => {
  const yes = [
    '/ws/prompts/support-agent.md',
    '/ws/app/Prompts/deep/nested/x.markdown',
    '/ws/prompts/classify.prompty',
    '/ws/extract-invoice.prompt',
    '/ws/templates/rag.j2',
    '/ws/t/a.jinja',
    '/ws/t/a.jinja2',
    '/ws/Plugins/WriterPlugin/ShortPoem/skprompt.txt',
    '/ws/AGENTS.md',
    '/ws/sub/claude.md',
    'C:\\ws\\prompts\\win.md',
  ];
  const no = ['/ws/README.md', '/ws/docs/prompts.md', '/ws/src/reply.ts', '/ws/prompts/notes.txt', '/ws/prompts', '/', '', '/ws/config.json'];
  for (const p of yes) it(`yes: ${p}`, () => assert.strictEqual(isDedicatedPromptFile(p), true));
  it(`no: ${no.join(', ')}`, () => {
    for (const p of no) assert.strictEqual(isDedicatedPromptFile(p), false, p);
  });
});
