/** Default fill sizes of template variables by name, and the other documented estimation constants. */
import { nameWords } from './expr';

export interface VariableCategory {
  readonly id: string;
  /** Typical tokens of one render. */
  readonly tokens: number;
  /** Name words (lower case) that put a variable in this category. */
  readonly words: readonly string[];
  /** Tokens of one item (turn, chunk, example) when a visible bound says how many items are kept. */
  readonly perItem?: number;
  readonly note: string;
}

/**
 * The table, in priority order for ties. A name is split into words (`chat_history` → chat history,
 * `retrievedDocs` → retrieved docs, `top3_chunks` → top 3 chunks); the LAST word found in the table decides
 * (English compounds end in their head noun: `user_question` is a question, `doc_id` an id, `history_length` a number);
 * an exact word match wins over its singular form (`messages` ≠ `message`). Anything else: 50 tokens.
 */
export const VARIABLE_CATEGORIES: readonly VariableCategory[] = [
  { id: 'conversation', tokens: 2000, perItem: 150, note: 'chat history / transcript (≈ 10–15 turns of 150 tokens)',
    words: ['history', 'messages', 'chat', 'conversation', 'conversations', 'transcript', 'turns', 'dialogue', 'dialog', 'memory', 'memories', 'thread'] },
  { id: 'retrieval', tokens: 1500, perItem: 300, note: 'retrieved context (≈ 5 chunks of 300 tokens)',
    words: ['context', 'contexts', 'documents', 'document', 'docs', 'doc', 'chunks', 'chunk', 'retrieved', 'knowledge', 'results', 'search', 'passages', 'passage', 'sources', 'snippets', 'corpus', 'references', 'evidence', 'rag', 'articles', 'facts'] },
  { id: 'examples', tokens: 800, perItem: 150, note: 'few-shot examples (≈ 5 of 150 tokens)',
    words: ['examples', 'example', 'few', 'shots', 'shot', 'demonstrations', 'demos', 'samples', 'exemplars'] },
  { id: 'long-text', tokens: 400, note: 'a text to work on: an article, a file, code, a diff, tool schemas',
    words: ['text', 'content', 'body', 'article', 'page', 'code', 'diff', 'file', 'report', 'data', 'json', 'schema', 'tools', 'functions', 'html', 'markdown', 'transcription'] },
  { id: 'summary', tokens: 200, note: 'a summary, profile or description',
    words: ['summary', 'notes', 'profile', 'description', 'instructions', 'guidelines', 'rules', 'bio', 'plan'] },
  { id: 'user-input', tokens: 100, note: 'the user\'s turn: a question or request',
    words: ['input', 'question', 'query', 'message', 'request', 'prompt', 'task', 'goal', 'topic', 'feedback', 'comment', 'answer', 'reply', 'response', 'utterance', 'ask', 'issue', 'problem', 'sentence'] },
  { id: 'scalar', tokens: 5, note: 'a name, id, date, language, number or short label',
    words: ['name', 'names', 'user', 'username', 'language', 'lang', 'locale', 'date', 'time', 'timestamp', 'today', 'now', 'id', 'ids', 'uuid', 'country', 'city', 'tone', 'style', 'format', 'role', 'count', 'length', 'len', 'num', 'number', 'n', 'k', 'size', 'limit', 'max', 'min', 'age', 'index', 'score', 'level', 'version', 'type', 'status', 'company', 'product', 'title', 'tz', 'timezone', 'year', 'month', 'day', 'email', 'url', 'label', 'category', 'persona', 'brand', 'currency', 'amount', 'price'] },
];

/** Tokens of a variable no table row matches. */
export const DEFAULT_OTHER_TOKENS = 50;
/** Tokens of a scalar expression (`| length`, `len(x)`, `x.length`) whatever the name. */
export const SCALAR_TOKENS = 3;
/** Renders assumed for a variable inside a for/each/range loop (override: inline `loop=N` or the `loopFactor` option). */
export const LOOP_FACTOR = 3;

/** The table flattened: name word → tokens of one render (first category listing a word wins). */
export const DEFAULT_VARIABLE_TOKENS: Readonly<Record<string, number>> = (() => {
  const out: Record<string, number> = {};
  for (const c of VARIABLE_CATEGORIES) for (const w of c.words) if (!(w in out)) out[w] = c.tokens;
  return Object.freeze(out);
})();

const CATEGORY_OF: ReadonlyMap<string, VariableCategory> = (() => {
  const m = new Map<string, VariableCategory>();
  for (const c of VARIABLE_CATEGORIES) for (const w of c.words) if (!m.has(w)) m.set(w, c);
  return m;
})();

/** The category a variable name falls in, if any (see VARIABLE_CATEGORIES for the rule). */
export function categoryOf(name: string): VariableCategory | undefined {
  const ws = nameWords(name);
  for (let k = ws.length - 1; k >= 0; k--) {
    const w = ws[k];
    const c = CATEGORY_OF.get(w) ?? (w.length > 3 && w.endsWith('s') ? CATEGORY_OF.get(w.slice(0, -1)) : undefined);
    if (c) return c;
  }
  return undefined;
}

/** Default tokens of one render of `name`, and whether the table matched. */
export function defaultVariableTokens(name: string): { tokens: number; category?: VariableCategory } {
  const c = categoryOf(name);
  return c ? { tokens: c.tokens, category: c } : { tokens: DEFAULT_OTHER_TOKENS };
}
