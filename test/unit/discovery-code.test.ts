import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPrompts, type DetectedPrompt } from '../../src/core/discovery/index';

const one = (path: string, src: string): DetectedPrompt => {
  const found = detectPrompts(path, src);
  assert.equal(found.length, 1, `expected one prompt in ${path}, got ${JSON.stringify(found.map((f) => f.text))}`);
  return found[0];
};
const none = (path: string, src: string): void => assert.deepEqual(detectPrompts(path, src).map((p) => p.text), [], `no prompt expected in ${path}`);

test('python: dedent, line continuation, role, model and the exact span', () => {
  const src = 'import textwrap\nSYSTEM = textwrap.dedent("""\\\n    You are a terse assistant.\n      Answer in one line.\n""")\nclient.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}])\n';
  const p = one('a.py', src);
  assert.equal(p.text, 'You are a terse assistant.\n  Answer in one line.');
  assert.deepEqual([p.startLine, p.endLine, p.role, p.model, p.kind, p.format], [2, 3, 'system', 'gpt-4o', 'embedded', 'python']);
  assert.equal(src.slice(p.startOffset, p.endOffset), 'You are a terse assistant.\n      Answer in one line.');
});

test('python: implicit concatenation, escapes, f-strings and "\\n".join', () => {
  const p = one('a.py', 'resp = client.responses.create(model="gpt-4.1", instructions=("You summarize tickets.\\t"\n  f"Use {n} bullets, {{json}} output."), input=x)');
  assert.equal(p.text, 'You summarize tickets.\tUse {n} bullets, {json} output.');
  assert.equal(p.templateSyntax, 'fstring');
  const j = one('b.py', 'PROMPT = "\\n".join([\n  "You are a grader.",\n  r"Reply PASS or FAIL \\d.",\n])');
  assert.equal(j.text, 'You are a grader.\nReply PASS or FAIL \\d.');
  assert.deepEqual([j.startLine, j.endLine], [1, 2]);
});

test('python: LangChain tuples, templates and message classes', () => {
  const src = [
    'p = ChatPromptTemplate.from_messages([("system", "You answer from the context only."), ("human", "{question}")])',
    't = PromptTemplate(template="Translate {text} into {language}, keep the tone.", input_variables=["text"])',
    'm = [SystemMessage(content="You are a strict grader of essays."), HumanMessage("Grade this essay: {essay}")]',
  ].join('\n');
  const found = detectPrompts('c.py', src);
  assert.deepEqual(found.map((f) => [f.text, f.role ?? '-']), [
    ['You answer from the context only.', 'system'],
    ['Translate {text} into {language}, keep the tone.', '-'],
    ['You are a strict grader of essays.', 'system'],
    ['Grade this essay: {essay}', 'user'],
  ]);
  assert.equal(found[1].templateSyntax, 'fstring');
});

test('python: a role tuple whose role is a constant (the pair alone is the evidence); a look-alike pair is not', () => {
  const p = one('r.py', 'msgs = [(MessageRole.SYSTEM, "Keep answers short and cite the policy.")]\n');
  assert.equal(p.role, 'system');
  none('r.py', 'msgs = [(ctx, "Keep answers short and cite the policy.")]\n');
  none('r.py', 'msgs = [(MessageRole.SYSTEM, "Keep answers short and cite the policy.", extra)]\n');
});

test('python: few-shot examples, bare slots and message names', () => {
  const src = 'p = FewShotPromptTemplate(\n    examples=[{"question": "Who lived longer, Muhammad Ali or Alan Turing?", "answer": "Ali"}],\n    suffix="Question: {input}",\n)\nq = ChatPromptTemplate.from_messages([("human", "{question}")])\nmsgs = [{"role": "user", "content": "Summarize the meeting notes below in five bullets."}]';
  const found = detectPrompts('f.py', src);
  assert.deepEqual(found.map((f) => [f.name, f.text]), [
    ['question', 'Who lived longer, Muhammad Ali or Alan Turing?'],
    ['suffix', 'Question: {input}'],
    ['user message', 'Summarize the meeting notes below in five bullets.'],
  ]);
});

test('python: non-prompts stay out', () => {
  none('d.py', [
    '"""Module about prompts. You are expected to read SYSTEM_PROMPT before editing."""',
    'QUERY = "SELECT id, name FROM users WHERE email = %s ORDER BY created_at DESC LIMIT 10"',
    'logger.info("Sending request to the model for user %s failed after %d retries", u, n)',
    'raise ValueError(f"You are not allowed to pass an empty question to the assistant: {q!r}")',
    'parser.add_argument("--prompt", help="Path to the prompt file that will be sent to the model on every run")',
    'PASSWORD_PROMPT = "Please enter the password of the admin account used for the database: "',
    'answer = input(PASSWORD_PROMPT)',
    'PATTERN = re.compile(r"^(?P<key>[a-z_]+)\\s*=\\s*(?P<value>.+)$")',
  ].join('\n'));
});

test('typescript: template literals, + and [].join, Vercel AI SDK, model from a provider call', () => {
  const src = "const RULES = ['Write plainly.', 'Never use emoji.'].join('\\n');\nawait generateText({\n  model: openai('gpt-4o'),\n  system: `You are an editor for ${site}.\\n` + RULES,\n  prompt: 'Rewrite the draft below so it follows the rules above:\\n' + draft,\n});";
  const found = detectPrompts('a.ts', src);
  assert.deepEqual(found.map((f) => f.text), ['Write plainly.\nNever use emoji.', 'You are an editor for ${site}.\n${RULES}', 'Rewrite the draft below so it follows the rules above:\n${draft}']);
  assert.deepEqual(found.map((f) => f.role), [undefined, 'system', 'user']);
  assert.equal(found[1].model, 'gpt-4o');
  assert.equal(found[1].templateSyntax, 'js-template');
});

test('typescript: Anthropic content blocks, Gemini config, OpenAI messages', () => {
  const src = [
    "await client.messages.create({ model: 'claude-haiku-4-5', system: [{ type: 'text', text: 'You summarize threads into a decision log.', cache_control: { type: 'ephemeral' } }], messages });",
    "await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: q, config: { systemInstruction: 'You tag photos with concrete nouns only.' } });",
    "await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'developer', content: 'Answer with JSON only, no prose.' }] });",
  ].join('\n');
  const found = detectPrompts('b.ts', src);
  assert.deepEqual(found.map((f) => [f.role, f.model]), [['system', 'claude-haiku-4-5'], ['system', 'gemini-2.5-flash'], ['developer', 'gpt-4o-mini']]);
});

test('tsx: UI copy is not a prompt, prompt-tsx messages are', () => {
  const src = 'export const A = () => (<div><p>You are signed in as an admin. Changes apply to everyone in the team.</p><input placeholder="Ask anything about your garden, for example why basil wilts" /></div>);\nconst P = () => (<SystemMessage priority={1}>You are a code reviewer. Point out bugs first.</SystemMessage>);';
  const p = one('c.tsx', src);
  assert.equal(p.text, 'You are a code reviewer. Point out bugs first.');
  assert.equal(p.role, 'system');
});

test('javascript: regex literals and tagged templates do not derail the lexer', () => {
  const src = "const re = /\"[^\"]*'/g;\nconst q = sql`SELECT * FROM notes WHERE body LIKE ${x} ORDER BY id DESC LIMIT 50`;\nconst SYSTEM_PROMPT = 'You are the in-app assistant of Pebble, a note-taking app. Keep answers short.';";
  const p = one('d.js', src);
  assert.equal(p.name, 'SYSTEM_PROMPT');
  assert.equal(p.startLine, 2);
});

test('go: raw strings, struct messages, openai-go helpers, strings.Join', () => {
  const src = 'package x\nconst systemPrompt = `You are the on-call assistant.\nExplain the alert in two sentences.`\nfunc f() {\n\tc.CreateChatCompletion(ctx, goopenai.ChatCompletionRequest{Model: "gpt-4o-mini", Messages: []goopenai.ChatCompletionMessage{{Role: goopenai.ChatMessageRoleSystem, Content: systemPrompt}}})\n\topenai.UserMessage("Timeline of the incident:\\n" + timeline)\n\tx := strings.Join([]string{"You assign a severity.", "Answer with SEV1 to SEV4."}, "\\n")\n\treturn fmt.Errorf("request to the model failed for alert %s: %w", id, err)\n}';
  const found = detectPrompts('a.go', src);
  assert.deepEqual(found.map((f) => [f.text, f.role ?? '-']), [
    ['You are the on-call assistant.\nExplain the alert in two sentences.', 'system'],
    ['Timeline of the incident:\n{timeline}', 'user'],
  ]);
  assert.equal(found[0].model, 'gpt-4o-mini');
});

test('java: text blocks strip incidental indentation; builders and annotations give roles', () => {
  const src = 'class A {\n  static final String SYSTEM_PROMPT = """\n      You are a booking assistant.\n        Ask for the booking number first.\n      """;\n  @SystemMessage("You recommend restaurants near the hotel, with walking times.")\n  String r(String q);\n  void f() { ChatCompletionCreateParams.builder().model("gpt-4o-mini").addSystemMessage(SYSTEM_PROMPT).addUserMessage("Guest question: " + q).build(); }\n}';
  const found = detectPrompts('A.java', src);
  assert.equal(found[0].text, 'You are a booking assistant.\n  Ask for the booking number first.');
  assert.deepEqual([found[0].startLine, found[0].endLine, found[0].model], [2, 3, 'gpt-4o-mini']);
  assert.deepEqual(found.map((f) => f.role), ['system', 'system', 'user']);
});

test('kotlin: trimIndent, trimMargin, named arguments, joinToString and $ templates', () => {
  const src = 'val plannerPrompt = """\n    You plan weekend trips by train.\n    Keep the budget of ${user.budget} euros.\n""".trimIndent()\nval m = """\n    |Write a packing list.\n    |Group it by clothes.\n""".trimMargin()\nChatMessage(role = ChatRole.System, content = listOf("You describe the weather.", "Answer in two sentences.").joinToString("\\n"))\nChatMessage(role = ChatRole.User, content = m)';
  const found = detectPrompts('a.kt', src);
  assert.deepEqual(found.map((f) => f.text), ['You plan weekend trips by train.\nKeep the budget of ${user.budget} euros.', 'Write a packing list.\nGroup it by clothes.', 'You describe the weather.\nAnswer in two sentences.']);
  assert.equal(found[0].templateSyntax, 'js-template');
});

test('minConfidence filters and every result is inside the text', () => {
  const src = 'SYSTEM_PROMPT = "You are a helpful assistant that answers questions about cooking."\n';
  assert.equal(detectPrompts('a.py', src, { minConfidence: 0.99 }).length, 0);
  const p = one('a.py', src);
  assert.ok(p.confidence > 0.5 && p.confidence <= 1);
  assert.equal(src.slice(p.startOffset, p.endOffset), p.text);
});
