/** fast-check generators of code with embedded string literals, per language, for the discovery property tests. */
import fc from 'fast-check';

export type GenLang = 'python' | 'typescript' | 'javascript' | 'go' | 'java' | 'kotlin';

export const EXT: Record<GenLang, string> = { python: 'py', typescript: 'ts', javascript: 'jsx', go: 'go', java: 'java', kotlin: 'kt' };

/** Raw fragments a lexer must survive: every literal opener, comment form and bracket of the language. */
const FRAGMENTS: Record<GenLang, string[]> = {
  python: ['"', "'", '"""', "'''", 'f"', "rb'", 'f"""{', '}', '{', '(', ')', '[', ']', '#', '\\', '\n', ' ', ':', '=', 'def', 'return', 'x', 'SYSTEM_PROMPT', '.join(', '"\\n"', 'textwrap.dedent(', '.format(', '%', '+', ',', 'messages=[{"role": "system", "content": '],
  typescript: ['"', "'", '`', '${', '}', '{', '(', ')', '[', ']', '//', '/*', '*/', '/', '\\', '\n', ' ', ':', '=', '=>', 'const', 'x', 'SYSTEM_PROMPT', '.join("\\n")', '+', ',', '<', '>', 'return', 'system: ', 'dedent`'],
  javascript: ['"', "'", '`', '${', '}', '{', '(', ')', '[', ']', '//', '/*', '*/', '/', '\\', '\n', ' ', '=', '<div>', '</div>', '<SystemMessage>', '</SystemMessage>', '<>', '</>', 'return', 'x', '&amp;', 'a < b', '/re[/]x/g'],
  go: ['"', '`', "'", '{', '}', '(', ')', '[', ']', '//', '/*', '*/', '\\', '\n', ' ', ':=', '=', 'const', 'x', 'systemPrompt', 'strings.Join([]string{', 'fmt.Sprintf(', '+', ',', 'Content: ', 'Role: openai.ChatMessageRoleSystem,'],
  java: ['"', '"""', "'", '{', '}', '(', ')', '[', ']', '//', '/*', '*/', '\\', '\n', ' ', '=', 'String', 'x', 'SYSTEM_PROMPT', '.addSystemMessage(', '@SystemMessage(', '+', ',', ';', 'String.join("\\n", '],
  kotlin: ['"', '"""', "'", '${', '$x', '{', '}', '(', ')', '[', ']', '//', '/*', '*/', '\\', '\n', ' ', '=', 'val', 'x', 'systemPrompt', '.trimIndent()', '.trimMargin()', '`', 'listOf(', '.joinToString("\\n")', ',', 'content = '],
};

/** Random sequences of the language's fragments mixed with arbitrary characters. */
export function junkCode(lang: GenLang): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS[lang]) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 300, size: 'large' }).map((a) => a.join(''));
}

/** Text that reads like a system prompt: "You are …" plus words with quotes, backslashes, braces, unicode and line breaks. */
export const promptText: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('answer', 'briefly', 'the', 'user', "user's", '"quoted"', 'back\\slash', 'naïve', 'größe', '日本語', 'tabs\there', 'C:\\data', 'a{b}', '50%', 'JSON', 'never', 'invent', 'prices.', 'Respond', 'politely,'), { minLength: 8, maxLength: 30 })
  .chain((words) => fc.array(fc.constantFrom(' ', ' ', ' ', '\n'), { minLength: words.length, maxLength: words.length }).map((seps) => 'You are a careful assistant. ' + words.map((w, i) => w + seps[i]).join('').trim()));

/** Source literals of several forms that decode to `s` (one-line forms only escape what they must). */
export function literals(lang: GenLang, s: string): string[] {
  const json = JSON.stringify(s);
  const out: string[] = [];
  if (lang === 'python') {
    out.push(json, `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`);
    out.push('"""' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"""');
    out.push('f' + JSON.stringify(s.replace(/\{/g, '{{').replace(/\}/g, '}}')));
    if (!/[\\"\n]/.test(s)) out.push(`r"${s}"`);
  } else if (lang === 'typescript' || lang === 'javascript') {
    out.push(json, `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`);
    out.push('`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`');
  } else if (lang === 'go') {
    out.push(json);
    if (!/[`\r]/.test(s)) out.push('`' + s + '`');
  } else if (lang === 'java') {
    out.push(json);
  } else {
    out.push(json.replace(/\$/g, '\\$'));
    if (!/"""|\$/.test(s)) out.push('"""' + s + '"""');
  }
  return out;
}

/** A declaration binding `name` to `lit`, with unrelated code around it. */
export function declaration(lang: GenLang, name: string, lit: string): string {
  switch (lang) {
    case 'python': return `import os\n# a "comment" with 'quotes'\nN = 3\n${name} = ${lit}\n\ndef f(x):\n    return x + 1\n`;
    case 'typescript': return `import { x } from './x';\n// a "comment" with 'quotes' and \`ticks\`\nconst n = 3 / 2;\nexport const ${name}: string = ${lit};\nfunction f(a: number): number { return a / 2; }\n`;
    case 'javascript': return `const el = <div className="a">Don't panic</div>;\nconst ${name} = ${lit};\nconst re = /"[^"]*"/g;\n`;
    case 'go': return `package main\n\nimport "fmt"\n\n// a "comment"\nconst ${name} = ${lit}\n\nfunc main() { fmt.Println(1) }\n`;
    case 'java': return `class A {\n  // a "comment"\n  private static final String ${name} = ${lit};\n  int f() { return 'x'; }\n}\n`;
    case 'kotlin': return `package a\n/* a /* nested */ "comment" */\nprivate val ${name} = ${lit}\nfun f(x: Int) = x + 1\n`;
  }
}
