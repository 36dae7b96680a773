/** Vocabulary of evidence: SDK callees, prompt-ish keys and names, and the contexts that mark non-prompts. */
import type { PromptRole } from '../types';

/** Calls that certainly talk to a model. */
export const LLM_CALL = /(?:completions\.(?:create|parse|stream)|chat\.create|responses\.(?:create|stream|parse)|messages\.(?:create|stream|parse|count_tokens|countTokens)|batches\.create|generate_content(?:_stream)?|[gG]enerateContent(?:Stream)?|GenerativeModel|getGenerativeModel|GenerateContentConfig|generateText|streamText|generateObject|streamObject|(?:^|\.)Agent|LlmAgent|create_react_agent|createReactAgent|create_agent|createAgent|ChatCompletionRequest|ChatCompletionNewParams|MessageNewParams|ResponseNewParams|ChatCompletionCreateParams|MessageCreateParams|(?:^|\.)a?completion|ChatCompletion\.create|Completion\.create|ollama\.(?:chat|generate)|initChatModel|init_chat_model|ChatOpenAI|ChatAnthropic|ChatGoogleGenerativeAI|GenerateContentRequest|ChatRequest|Prompt)$/;
/** Calls that often talk to a model (need the text to agree). */
export const MAYBE_LLM_CALL = /(?:^|\.)(?:invoke|ainvoke|run|arun|run_sync|stream|astream|chat|ask|complete|predict|generate|send_message|sendMessage|prompt|call|query)$|llm|gpt|claude|gemini|openai|anthropic|model|agent|bot|assistant/i;

/** Keyword/key names whose value is a system prompt at a model call. */
export const SYSTEM_KEYS = new Set(['system', 'systemprompt', 'systemmessage', 'systeminstruction', 'systeminstructions', 'instructions', 'instruction', 'developermessage', 'preamble', 'defaultsystem', 'systemtemplate']);
/** Keyword/key names whose value is a user prompt at a model call. */
export const USER_KEYS = new Set(['prompt', 'userprompt', 'input', 'contents', 'usermessage', 'query', 'question', 'message', 'humanmessage', 'userinput']);
export const TEMPLATE_CALL = /(?:PromptTemplate|from_template|fromTemplate|from_messages|fromMessages|FewShot\w*|PromptTemplateConfig|KernelFunctionFromPrompt|create_function_from_prompt|CreateFunctionFromPrompt|add_function|from_prompt)$/;

/** Callees whose first argument is a message of a role. */
const ROLE_CALLEES: Array<[RegExp, PromptRole]> = [
  [/^(?:SystemMessage|SystemMessagePromptTemplate|SystemPromptTemplate|ChatRequestSystemMessage|SystemChatMessage|addSystemMessage|ofSystem|defaultSystem|system|NewSystemMessage|withSystemMessage|systemMessage|setSystemInstruction|system_message|SystemContent|NewSystemContent)$/, 'system'],
  [/^(?:HumanMessage|UserMessage|HumanMessagePromptTemplate|ChatRequestUserMessage|UserChatMessage|addUserMessage|ofUser|user|NewUserMessage|userMessage|UserPromptTemplate|NewUserContent|UserContent)$/, 'user'],
  [/^(?:AIMessage|AssistantMessage|AIMessagePromptTemplate|addAssistantMessage|ofAssistant|assistant|NewAssistantMessage|ChatRequestAssistantMessage|AssistantChatMessage)$/, 'assistant'],
  [/^(?:DeveloperMessage|addDeveloperMessage|ofDeveloper|developer)$/, 'developer'],
];

/** Role of a message-building callee such as `SystemMessage` or `SystemMessagePromptTemplate.from_template`. */
export function roleOfCallee(callee: string): PromptRole | undefined {
  const segs = callee.split('.');
  const last = segs[segs.length - 1];
  const tail = /^(?:from_template|fromTemplate|from|of|create|new)$/.test(last) && segs.length > 1 ? segs[segs.length - 2] : last;
  for (const [re, role] of ROLE_CALLEES) if (re.test(tail)) return role;
  const m = /^(?:set|with|add|default|new)?_?(system|user|developer)_?(?:message|prompt|instruction)s?(?:_?provider|_?template)?$/i.exec(tail);
  return m ? (m[1].toLowerCase() as PromptRole) : undefined;
}

/** Calls that only wrap a text for an enclosing message (the role comes from further out). */
export const TEXT_WRAPPERS = /(?:^|\.)(?:NewTextBlock|TextBlockParam|NewPartFromText|Text|TextPart|NewTextContent|TextContent|text|Part\.from_text|from_text|fromText|NewTextPart|TextBlock|ContentBlock|str|String|dedent|textwrap\.dedent|cleandoc)$/;

/** Callees whose first string argument is a user prompt. */
export const USER_PROMPT_CALL = /(?:^|\.)(?:generate_content|[gG]enerateContent(?:Stream)?|chat\.send_message|chat\.sendMessage(?:Stream)?|invoke|ainvoke|predict|run_sync|arun|complete|chat|ask|call)$/;

/** Callees whose string arguments are prompts wherever they stand: GenerateFromSinglePrompt(ctx, llm, "…"). */
export const PROMPT_ARG_CALL = /(?:^|\.)(?:GenerateFromSinglePrompt|generate_from_single_prompt|NewPromptTemplate|NewChatPromptTemplate|CreateFunctionFromPrompt|create_function_from_prompt|InvokePromptAsync|invoke_prompt|invokePrompt|promptText|withPrompt)$/;

/** Roles by word, as they appear in role fields, tuples and enum constants. */
export function roleOfWord(w: string | undefined): PromptRole | undefined {
  if (!w) return undefined;
  const s = w.split('.').pop()!.toLowerCase().replace(/^(?:chatmessagerole|chatrole|role|messagerole|messageparamrole)/, '');
  if (s === 'system') return 'system';
  if (s === 'developer') return 'developer';
  if (s === 'user' || s === 'human') return 'user';
  if (s === 'assistant' || s === 'ai' || s === 'model' || s === 'bot') return 'assistant';
  return undefined;
}

/** Contexts whose strings are not prompts: logging, errors, printing, CLI help, SQL execution, regexes, i18n, UI. */
export const NEGATIVE_CALL = /(?:^|\.)(?:print|println|printf|pprint|input|raw_input|getpass|warn|warning|debug|info|error|fatal|critical|exception|trace|log|Printf|Println|Print|Sprint|Errorf|Fatalf|Fatal|Panicf|Infof|Warnf|Debugf|Logf|Skipf|Log|Info|Warn|Debug|Error|panic|assert\w*|expect|toBe|toEqual|toContain|toMatch|toThrow|fail|require|check|requireNotNull|checkNotNull|abort|exit|t|_|gettext|ngettext|pgettext|lazy_gettext|gettext_lazy|translate|formatMessage|\$t|add_argument|add_parser|add_option|add_argument_group|ArgumentParser|option|requiredOption|argument|command|description|usage|help|addHelpText|epilog|version|String|Bool|Int|Duration|StringVar|BoolVar|IntVar|StringP|BoolP|execute|executemany|executescript|exec|Exec|ExecContext|Query|QueryRow|QueryContext|QueryRowContext|prepareStatement|prepare|createQuery|createNativeQuery|nativeQuery|raw|sql|compile|MustCompile|RegExp|Regex|toRegex|match|fullmatch|search|sub|findall|finditer|split|replace|replaceAll|render_template_string|HttpResponse|send|json|redirect|alert|confirm|setTitle|setText|setMessage|setContentText|makeText|Toast|title|subtitle|label|placeholder|tooltip|setPlaceholder|setError|ValidationError|send_mail|sendMail|EmailMessage|MIMEText|EmailMultiAlternatives|mail|notify|flash|abort|HTTPException|status|echo|secho|style|Markup|escape|encode|decode|startswith|endswith|startsWith|endsWith|includes|contains|indexOf|find|strptime|strftime|format_datetime|getenv|get|environ|Getenv|path|join|resolve|open|readFile|writeFile|urlopen|fetch|request|post|put|patch|delete)$|(?:Error|Exception|Warning)$/;

/** Callees of a reference that make an identifier a CLI input prompt or an i18n key, not a model prompt. */
export const NEGATIVE_REF_CALL = /^(?:input|raw_input|getpass|getpass\.getpass|click\.prompt|click\.confirm|typer\.prompt|typer\.confirm|confirm|prompt|Prompt\.ask|rl\.question|readline\.question|inquirer\.prompt|questionary\.\w+|t|_|gettext|i18n\.t|Console\.ReadLine)$/;

/** Keys and keyword arguments that hold help text, UI copy or error text. */
export const NEGATIVE_KEYS = new Set(['help', 'description', 'desc', 'epilog', 'usage', 'metavar', 'short', 'long', 'use', 'example', 'examples', 'title', 'label', 'placeholder', 'tooltip', 'hint', 'alt', 'arialabel', 'error', 'errormessage', 'message', 'msg', 'detail', 'subject', 'body', 'html', 'text', 'sql', 'query', 'pattern', 'regex', 'url', 'path', 'summary', 'banner', 'footer', 'header', 'caption', 'subtitle', 'heading', 'cta', 'button', 'notice', 'warning', 'success', 'info', 'status', 'reason', 'comment', 'note', 'notes', 'changelog', 'version', 'name', 'id', 'key', 'type', 'value', 'default']);

const CLI_WORDS = new Set(['input', 'password', 'passwd', 'login', 'confirm', 'confirmation', 'shell', 'cli', 'terminal', 'readline', 'username', 'pin', 'yn', 'continue', 'ps1', 'ps2', 'repl', 'cmd', 'command', 'dialog', 'otp', 'overwrite', 'delete', 'retry', 'pager']);
const NEG_NAME_WORDS = new Set(['sql', 'query', 'queries', 'stmt', 'statement', 'ddl', 'dml', 'html', 'css', 'xml', 'svg', 'email', 'mail', 'subject', 'smtp', 'error', 'errors', 'err', 'exception', 'exc', 'log', 'logger', 'help', 'usage', 'description', 'desc', 'epilog', 'label', 'title', 'placeholder', 'tooltip', 'hint', 'regex', 'regexp', 're', 'pattern', 'url', 'uri', 'path', 'banner', 'welcome', 'msg', 'notification', 'toast', 'alert', 'i18n', 'translation', 'translations', 'locale', 'copy', 'header', 'footer', 'version', 'doc', 'docstring', 'readme', 'changelog', 'commit', 'expected', 'fixture', 'mock', 'dummy', 'cta', 'tagline', 'disclaimer', 'legal', 'terms', 'notice', 'warning', 'usage', 'motd', 'response', 'reply', 'answer', 'output', 'result', 'completion']);

/** Words of an identifier: SYSTEM_PROMPT, systemPrompt, system-prompt → ['system', 'prompt']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** How much a name alone says "prompt": > 0 positive, < 0 a non-prompt name, 0 nothing. */
export function nameScore(name: string | undefined): { score: number; why?: string } {
  if (!name) return { score: 0 };
  const w = nameWords(name);
  const has = (x: string): boolean => w.includes(x);
  if (has('prompt') || has('prompts')) {
    if (w.some((x) => CLI_WORDS.has(x))) return { score: -0.5, why: `name ${name} (an input prompt)` };
    return { score: has('system') ? 0.78 : 0.72, why: `name ${name}` };
  }
  if (has('instruction') || has('instructions')) {
    if (w.some((x) => ['install', 'installation', 'setup', 'usage', 'build', 'migration', 'upgrade', 'help', 'shipping', 'care', 'payment', 'delivery'].includes(x))) return { score: -0.5, why: `name ${name} (human instructions)` };
    return { score: 0.7, why: `name ${name}` };
  }
  if (has('system') && w.some((x) => ['message', 'msg', 'content', 'text', 'role', 'persona', 'preamble', 'template'].includes(x))) return { score: 0.72, why: `name ${name}` };
  if (has('persona') || has('preamble')) return { score: 0.55, why: `name ${name}` };
  if (has('template') || has('tmpl') || has('tpl')) return w.some((x) => NEG_NAME_WORDS.has(x)) ? { score: -0.5, why: `name ${name}` } : { score: 0.35, why: `name ${name}` };
  if (has('guidelines') || has('guardrails') || has('rules')) return { score: 0.3, why: `name ${name}` };
  if ((has('few') && has('shot')) || has('fewshot')) return { score: 0.65, why: `name ${name}` };
  if (has('system') && w.length <= 2) return { score: 0.45, why: `name ${name}` };
  if (w.some((x) => NEG_NAME_WORDS.has(x))) return { score: -0.5, why: `name ${name}` };
  return { score: 0 };
}

/** Words before `(` that do not make a call. */
export const NOT_CALL = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'and', 'or', 'not', 'in', 'elif', 'with', 'assert', 'yield', 'await', 'typeof', 'case', 'throw', 'else', 'except', 'is', 'lambda', 'when', 'synchronized', 'select']);
/** Keywords that define a function. */
export const FN_KEYWORDS = new Set(['def', 'function', 'fun', 'func']);

/** Normalised key: lowercase, no separators (system_prompt → systemprompt). */
export const normKey = (k: string | undefined): string => (k ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
