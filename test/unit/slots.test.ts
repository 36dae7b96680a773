import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { getEncoding } from 'js-tiktoken';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/config/schema';
import {
  DEFAULT_VARIABLE_TOKENS, defaultVariableTokens, detectSyntax, estimateVariables, findSlots, isRendered, LOOP_FACTOR,
  parseInlineAnnotation, promptInputTokens, staticText, type TemplateSlot,
} from '../../src/core/slots/index';

const enc = getEncoding('o200k_base');
const count = (t: string) => enc.encode(t, [], []).length;
const vars = (slots: TemplateSlot[]) => slots.filter(isRendered).map((s) => s.name);
const show = (text: string, slots: TemplateSlot[]) => slots.map((s) => `${s.kind}:${s.name}=${text.slice(s.start, s.end)}`);

test('f-string / format: fields, attribute and index paths, conversions, {{ }} escapes are literal', () => {
  const t = 'Hi {user.name}! Reply as JSON {{"answer": "..."}} to {question!r:>10}. Recent: {history[-6:]} {len(docs)} {}';
  const s = findSlots(t, 'fstring');
  assert.deepEqual(vars(s), ['user', 'question', 'history', 'docs', 'arg0']);
  assert.equal(s[0].path, 'user.name');
  const h = s.find((x) => x.name === 'history')!;
  assert.ok(h.bounded);
  assert.equal(h.boundCount, 6);
  assert.ok(s.find((x) => x.name === 'docs')!.scalar);
  assert.equal(staticText(t, s), 'Hi ! Reply as JSON {"answer": "..."} to . Recent:   ');
});

test('mustache / jinja: {{x}}, {{ x.y }}, filters, loops, conditions, comments, set aliases, raw blocks', () => {
  const t = [
    '{# internal note #}Hello {{ user.name }}, lang {{lang}}.',
    '{% for m in history[-6:] %}{{ m.role }}: {{ m.content | trim }} ({{ channel }}){% endfor %}',
    '{% if premium %}VIP{% endif %} {{ docs | truncate(500) }} {{ items | length }}',
    '{% set recent = messages[-4:] %}{{ recent }} {% raw %}{{ not_a_var }}{% endraw %} {{ question }}',
  ].join('\n');
  assert.equal(detectSyntax(t), 'jinja');
  const s = findSlots(t);
  assert.deepEqual(vars(s), ['user', 'lang', 'history', 'channel', 'docs', 'items', 'messages', 'question']);
  const by = (n: string) => s.find((x) => x.name === n)!;
  assert.equal(by('history').kind, 'iterable');
  assert.equal(by('history').boundCount, 6);
  assert.equal(by('m').kind, 'local');
  assert.equal(by('channel').inLoop, true);
  assert.equal(by('premium').kind, 'condition');
  assert.equal(by('docs').bounded, true);
  assert.equal(by('items').scalar, true);
  assert.equal(by('recent').kind, 'local');
  assert.equal(by('messages').boundCount, 4);
  assert.ok(!s.some((x) => x.name === 'not_a_var'));
  assert.ok(s.some((x) => x.kind === 'comment'));
  const st = staticText(t, s);
  assert.ok(!/[{}]/.test(st.replace('{{ not_a_var }}', '')), st);
});

test('handlebars / dotprompt: each blocks, item fields, ../ outer refs, partials, helpers are not variables', () => {
  const t = '{{role "system"}}You help {{name}}.{{#each examples}}Q: {{question}} A: {{this.answer}} ({{../tone}}){{/each}}{{> footer}}{{json schema}}{{!-- note --}}{{history}}';
  assert.equal(detectSyntax(t), 'handlebars');
  const s = findSlots(t);
  assert.deepEqual(vars(s), ['name', 'examples', 'tone', 'footer', 'schema', 'history']);
  assert.equal(s.find((x) => x.name === 'examples')!.kind, 'iterable');
  assert.equal(s.find((x) => x.name === 'question')!.kind, 'local');
  assert.equal(s.find((x) => x.name === 'tone')!.inLoop, true);
  assert.equal(s.find((x) => x.name === 'footer')!.kind, 'partial');
  assert.equal(staticText(t, s), 'You help .Q:  A:  ()');
});

test('semantic kernel {{$x}}, JS/Prompty ${x}, Go templates', () => {
  const sk = 'Answer {{$input}} in {{$language}}. Weather: {{weather.get $city}}';
  assert.equal(detectSyntax(sk), 'sk');
  assert.deepEqual(vars(findSlots(sk)), ['input', 'language', 'city']);
  const js = 'Hi ${user.name}, context: ${docs.slice(0, 3).join("\\n")} key ${env:API_KEY}';
  assert.equal(detectSyntax(js), 'js-template');
  const j = findSlots(js);
  assert.deepEqual(vars(j), ['user', 'docs', 'API_KEY']);
  assert.equal(j[1].boundCount, 3);
  const go = 'Name {{.Name}} {{range .Items}}- {{.Title}} {{$.Lang}}{{end}} {{if .Flag}}y{{end}}';
  assert.equal(detectSyntax(go), 'go-template');
  const g = findSlots(go);
  assert.deepEqual(vars(g), ['Name', 'Items', 'Lang']);
  assert.equal(g.find((x) => x.name === 'Title')!.kind, 'local');
});

test('syntax detection: {{ }} pairs are mustache/jinja, not f-string; f-strings with JSON escapes stay f-string', () => {
  assert.equal(detectSyntax('Hello {{name}}, about {{topic}}'), 'mustache');
  assert.equal(detectSyntax('Hello {{ name | upper }}'), 'jinja');
  assert.equal(detectSyntax('Return {{"label": "x"}} for {text} in {language}'), 'fstring');
  assert.equal(detectSyntax('Plain text, JSON {"a": 1}'), 'none');
  assert.equal(detectSyntax('# Agents\nRun `npm test`.\n```js\nconst s = `${name}`;\n```\nUse `{{x}}` in docs.'), 'none');
  assert.deepEqual(findSlots('Plain text {"a": 1} and { spaced }'), []);
  assert.deepEqual(show('a {{x}} b', findSlots('a {{x}} b')), ['variable:x={{x}}']);
});

test('bounded heuristics', () => {
  const b = (t: string) => findSlots(t).filter(isRendered).map((s) => [s.name, s.bounded, s.boundCount ?? null]);
  assert.deepEqual(b('{history[-10:]} {docs[:3]} {chunks[2:]} {ctx[0]} {msgs[:-1]}'), [
    ['history', true, 10], ['docs', true, 3], ['chunks', false, null], ['ctx', true, 1], ['msgs', false, null],
  ]);
  assert.deepEqual(b('{{ history | first }} {{ docs | truncate(300) }} {{ last_n_turns }} {{ max_docs }} {{ chat_summary }} {{ messages }}'), [
    ['history', true, 1], ['docs', true, null], ['last_n_turns', true, null], ['max_docs', true, null], ['chat_summary', true, null], ['messages', false, null],
  ]);
  assert.deepEqual(b('${history.slice(-8)} ${docs.slice(2)} ${top3_chunks}'), [['history', true, 8], ['docs', false, null], ['top3_chunks', true, 3]]);
});

test('default sizes by name (the documented table)', () => {
  const d = (n: string) => defaultVariableTokens(n).tokens;
  assert.equal(d('chat_history'), 2000);
  assert.equal(d('messages'), 2000);
  assert.equal(d('conversation'), 2000);
  assert.equal(d('retrievedDocs'), 1500);
  assert.equal(d('search_results'), 1500);
  assert.equal(d('context'), 1500);
  assert.equal(d('few_shot_examples'), 800);
  assert.equal(d('user_question'), 100);
  assert.equal(d('message'), 100);
  assert.equal(d('user_input'), 100);
  assert.equal(d('user_name'), 5);
  assert.equal(d('doc_id'), 5);
  assert.equal(d('history_length'), 5);
  assert.equal(d('language'), 5);
  assert.equal(d('frobnicator'), 50);
  assert.equal(DEFAULT_VARIABLE_TOKENS.history, 2000);
});

test('estimates: inline > glob override > settings > name default > default; loop factor; repeated renders', () => {
  const t = '{{ context }} {{ history }} {{ question }} {{ foo }} {% for d in docs %}{{ d.text }} {{ sep }}{% endfor %} {{ question }}';
  const slots = findSlots(t);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    variables: { history: 900, foo: 10 },
    overrides: [{ glob: 'prompts/**/*.j2', variables: { history: 700, context: 1200 } }, { glob: 'other/**', variables: { context: 1 } }],
  };
  const inline = parseInlineAnnotation('{# prompt-cost: context=1500 loop=2 #}\n' + t, 40, 40 + t.length)!;
  const v = estimateVariables(slots, { settings, path: 'prompts/chat/a.j2', inline });
  const by = (n: string) => v.find((x) => x.name === n)!;
  assert.deepEqual([by('context').estimatedTokens, by('context').source], [1500, 'inline']);
  assert.deepEqual([by('history').estimatedTokens, by('history').source], [700, 'glob']);
  assert.deepEqual([by('foo').estimatedTokens, by('foo').source], [10, 'settings']);
  assert.deepEqual([by('question').estimatedTokens, by('question').source, by('question').occurrences], [200, 'name-default', 2]);
  assert.equal(by('sep').estimatedTokens, 50 * 2); // default, loop factor from the annotation
  assert.equal(by('sep').inLoop, true);
  assert.equal(by('docs').estimatedTokens, 1500);
  const noInline = estimateVariables(slots, { settings: DEFAULT_SETTINGS, path: 'x.j2' });
  assert.equal(noInline.find((x) => x.name === 'sep')!.estimatedTokens, 50 * LOOP_FACTOR);
  assert.equal(noInline.find((x) => x.name === 'history')!.source, 'name-default');
  // a visible item bound caps a name default: 6 turns x 150
  assert.equal(estimateVariables(findSlots('{history[-6:]}'))[0].estimatedTokens, 900);
  const staticTokens = count(staticText(t, slots));
  assert.equal(promptInputTokens(staticTokens, v), staticTokens + v.reduce((a, x) => a + x.estimatedTokens, 0));
});

test('inline annotations: every comment form, within 3 lines above or inside, merged; far ones ignored', () => {
  const forms = [
    '# prompt-cost: context=1500 output=300 requests/day=20000 model=gpt-4o-mini',
    '// prompt-cost: context=1500 output=300 requests/day=20000 model=gpt-4o-mini',
    '/* prompt-cost: context=1500 output=300 requests/day=20k model=gpt-4o-mini */',
    '<!-- prompt-cost: context=1,500 output=300 rpd=20000 model=gpt-4o-mini -->',
    '{# prompt-cost: context=1.5k output=300 requests/day=20000 model=gpt-4o-mini #}',
  ];
  for (const c of forms) {
    const doc = `x = 1\n${c}\n\nPROMPT = """Use {context}."""\n`;
    const start = doc.indexOf('Use');
    const a = parseInlineAnnotation(doc, start, start + 'Use {context}.'.length);
    assert.ok(a, c);
    assert.deepEqual([a.variables.context, a.outputTokens, a.requestsPerDay, a.model], [1500, 300, 20000, 'gpt-4o-mini'], c);
    assert.equal(doc.slice(a.range.startOffset, a.range.endOffset), c);
  }
  const far = '// prompt-cost: context=9\n\n\n\n\nPrompt {context}';
  assert.equal(parseInlineAnnotation(far, far.indexOf('Prompt'), far.length), undefined);
  const inside = 'System:\n{# prompt-cost: history=300 #}\n{{ history }}';
  assert.equal(parseInlineAnnotation(inside, 0, inside.length)!.variables.history, 300);
  const trailing = 'q = "Answer {q}"  # prompt-cost: q=40 requests/hour=100 bad=lots';
  const t = parseInlineAnnotation(trailing, 5, 15)!;
  assert.deepEqual([t.variables.q, t.requestsPerDay, t.invalid], [40, 2400, ['bad=lots']]);
  assert.equal(parseInlineAnnotation('no annotation here', 0, 5), undefined);
  assert.equal(parseInlineAnnotation('text prompt-cost: x=1 not in a comment', 0, 10), undefined);
});

test('property: findSlots/staticText/parseInlineAnnotation never throw; offsets stay inside the text', () => {
  const syntaxes = [undefined, 'fstring', 'format', 'jinja', 'mustache', 'handlebars', 'sk', 'js-template', 'go-template', 'none'] as const;
  const piece = fc.oneof(
    fc.string(),
    fc.constantFrom('{', '}', '{{', '}}', '{%', '%}', '{#', '#}', '${', '$', '[-5:]', '|', ' for x in xs ', 'endfor', '#each', '/each', '"', "'", '\n', '# prompt-cost: a=1 ', '-->', '<!--', '{{!--', '--}}', '\\'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(...syntaxes), fc.nat(), fc.nat(), (parts, syntax, a, b) => {
      const text = parts.join('');
      const slots = findSlots(text, syntax);
      for (const s of slots) assert.ok(s.start >= 0 && s.start < s.end && s.end <= text.length, JSON.stringify({ text, s }));
      assert.ok(staticText(text, slots).length <= text.length + 0);
      const v = estimateVariables(slots);
      for (const x of v) assert.ok(Number.isFinite(x.estimatedTokens) && x.estimatedTokens >= 0);
      const lo = Math.min(a, b) % (text.length + 1);
      const hi = Math.max(a, b) % (text.length + 1);
      const ann = parseInlineAnnotation(text, Math.min(lo, hi), Math.max(lo, hi));
      if (ann) assert.ok(ann.range.startOffset >= 0 && ann.range.startOffset <= ann.range.endOffset && ann.range.endOffset <= text.length);
    }),
    { numRuns: 400 },
  );
});
