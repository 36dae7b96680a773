import type { EncodingName, TokenizerProfile } from './types';

/** Every tokenizer family the counter knows. The README prints this table. */
export type FamilyId =
  | 'openai-o200k'
  | 'openai-cl100k'
  | 'openai-legacy'
  | 'openai-unknown'
  | 'claude'
  | 'claude-next'
  | 'gemini'
  | 'llama'
  | 'mistral'
  | 'deepseek'
  | 'other';

export interface FamilyRow extends TokenizerProfile {
  readonly family: FamilyId;
  /** Which model ids fall in the family, for people. */
  readonly models: string;
}

const row = (family: FamilyId, encoding: EncodingName, exact: boolean, factor: number, errorPct: number, models: string, note: string): FamilyRow =>
  Object.freeze({ family, encoding, exact, factor, errorPct, models, note });

/**
 * Tokenizer families, with the factor applied to the bundled encoding's count and the stated error band.
 * Only the two OpenAI families are exact; every other row is an estimate and says where its factor comes from.
 */
export const FAMILY_TABLE: readonly FamilyRow[] = Object.freeze([
  row('openai-o200k', 'o200k_base', true, 1, 0, 'gpt-4o*, chatgpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5*, gpt-6* and any newer gpt-*, o1/o3/o4*, gpt-oss*, codex-*, computer-use*, omni-moderation*',
    'OpenAI publishes o200k_base as the encoding of these models, so the count is the billed count.'),
  row('openai-cl100k', 'cl100k_base', true, 1, 0, 'gpt-4, gpt-4-turbo, gpt-4-32k, gpt-3.5*, text-embedding-3-*, text-embedding-ada-002',
    'OpenAI publishes cl100k_base as the encoding of these models, so the count is the billed count.'),
  row('openai-legacy', 'cl100k_base', false, 1.1, 20, 'davinci, curie, babbage, ada, text-davinci-*, code-davinci-*',
    'Legacy GPT-3 models use r50k/p50k_base, which is not bundled; cl100k_base × 1.10 approximates them (they spend more tokens on whitespace and rare words).'),
  row('openai-unknown', 'o200k_base', false, 1, 10, 'an id that is not a known OpenAI model name, with vendor openai (custom deployments, new naming)',
    'Every current OpenAI model uses o200k_base, so the count is likely exact, but the model id is not recognised, so it is not marked exact.'),
  row('claude', 'o200k_base', false, 1.2, 15, 'Claude 1–3, 3.5, 3.7, 4, 4.1, 4.5, 4.6',
    'Anthropic publishes no tokenizer for Claude 3 and later; cross-vendor reports put Claude 3.5–4.x at 5–30 % more tokens than GPT-4o (o200k_base) on English prose, hence × 1.20 ± 15 %.'),
  row('claude-next', 'o200k_base', false, 1.35, 20, 'Claude Opus 4.7 and later, every Claude 5 model (opus, sonnet, haiku, fable)',
    'The newer Claude tokenizer (Opus 4.7, Claude 5) is reported to count up to about 35–45 % more tokens than o200k_base on the same text, hence × 1.35 ± 20 %.'),
  row('gemini', 'o200k_base', false, 1.05, 15, 'gemini-*, gemma-*, learnlm-*',
    'Gemini and Gemma use a SentencePiece vocabulary of about 262k pieces (published with Gemma 3) that splits English close to o200k_base, hence × 1.05 ± 15 %.'),
  row('llama', 'o200k_base', false, 1.1, 15, 'llama-*, meta-llama/*, meta.llama*, codellama, *-distill-llama-*',
    'Llama 3 publishes a tiktoken-style 128k vocabulary built on cl100k_base (Llama 2: 32k SentencePiece), which spends a little more than o200k_base outside English, hence × 1.10 ± 15 %.'),
  row('mistral', 'o200k_base', false, 1.15, 20, 'mistral-*, mixtral-*, codestral, devstral, magistral, ministral, pixtral, voxtral, mathstral',
    'Mistral publishes its tokenizers (32k SentencePiece for early models, ~131k Tekken for Nemo and later) but they are not bundled; they count roughly 5–25 % more than o200k_base, hence × 1.15 ± 20 %.'),
  row('deepseek', 'o200k_base', false, 1.1, 20, 'deepseek-*, deepseek-ai/*, mai-ds-r1',
    'DeepSeek publishes a 128k byte-level BPE vocabulary that is not bundled; o200k_base × 1.10 ± 20 % is a cross-vendor estimate.'),
  row('other', 'o200k_base', false, 1.1, 25, 'anything else: Grok, Cohere, Qwen, GLM, Kimi, MiniMax, Nova, Phi, …',
    'No tokenizer for this model is bundled or published in a usable form; o200k_base × 1.10 with a wide ± 25 % band is a generic estimate.'),
]);

const PROFILES = new Map<FamilyId, TokenizerProfile>(
  FAMILY_TABLE.map((r) => [r.family, Object.freeze({ encoding: r.encoding, exact: r.exact, family: r.family, factor: r.factor, errorPct: r.errorPct, note: r.note })]),
);

/** The profile of a family (its table row without the `models` column). */
export function familyProfile(family: FamilyId): TokenizerProfile {
  return PROFILES.get(family) ?? PROFILES.get('other')!;
}

/** Provider ids and other spellings, mapped to the tokenizer vendor they imply. */
const VENDOR_HINTS = new Map<string, FamilyId | 'openai'>(Object.entries({
  openai: 'openai', '~openai': 'openai', 'azure-openai': 'openai',
  anthropic: 'claude', claude: 'claude', '~anthropic': 'claude',
  google: 'gemini', gemini: 'gemini', vertex: 'gemini', 'vertex-ai': 'gemini', vertex_ai: 'gemini', googleai: 'gemini', '~google': 'gemini',
  meta: 'llama', 'meta-llama': 'llama', llama: 'llama',
  mistral: 'mistral', mistralai: 'mistral', 'mistral-ai': 'mistral',
  deepseek: 'deepseek', 'deepseek-ai': 'deepseek',
} satisfies Record<string, FamilyId | 'openai'>));

/** Region and vendor prefixes of cloud model ids (`us.anthropic.claude-…`, `meta.llama3-…`). */
const DOTTED_PREFIX = /^(?:(?:global|regional|us|eu|apac|us-gov|jp|au|ca)\.)?(openai|anthropic|meta|mistral|google|deepseek|amazon|cohere|ai21|qwen|nvidia|writer|twelvelabs|stability|luma)\./;

export interface ParsedModelId {
  /** Lower-case model name without vendor prefixes, fine-tune wrappers and `:variant` suffixes. */
  readonly name: string;
  /** Vendor hints found in the id's prefixes, most specific (closest to the name) last. */
  readonly vendors: readonly string[];
}

/** Splits `openrouter/anthropic/claude-3.5-sonnet`, `us.anthropic.claude-…-v1:0`, `ft:gpt-4o-mini:org::id`, `openai:gpt-4o`. */
export function parseModelId(modelId: string): ParsedModelId {
  let s = modelId.trim().toLowerCase();
  const vendors: string[] = [];
  const ft = /^ft:([^:]+)/.exec(s); // OpenAI fine-tunes: ft:BASE:org:name:id
  if (ft) {
    s = ft[1];
    vendors.push('openai');
  }
  const colon = /^([a-z0-9_.~-]+):(?!\d)(.+)$/.exec(s); // provider:model (not a :0 version suffix)
  if (colon && (VENDOR_HINTS.has(colon[1]) || /^(azure|aws|bedrock|openrouter|groq|together|fireworks|x-ai|xai|cohere)$/.test(colon[1]))) {
    vendors.push(colon[1]);
    s = colon[2];
  }
  const parts = s.split('/').filter((p) => p.length > 0);
  s = parts.pop() ?? s;
  vendors.push(...parts);
  s = s.replace(/:.*$/, ''); // :free, :extended, :0, :batch
  const dotted = DOTTED_PREFIX.exec(s);
  if (dotted) {
    vendors.push(dotted[1]);
    s = s.slice(dotted[0].length);
  }
  s = s.replace(/^~/, '').replace(/\.ft-.*$/, '');
  return { name: s, vendors };
}

/** gpt-neo(x), gpt-j, gpt-sw3, gpt-2/gpt2 and gpt-3 are other people's models, or another encoding. */
const NOT_OPENAI = /^gpt-(?:neo|j(?:-|t|$)|sw3|2(?:-|$)|3(?:-|$)|bigcode)|^gpt2/;

/** OpenAI encodings by model name; undefined when the name is not an OpenAI model. */
function openAiFamily(name: string): FamilyId | undefined {
  if (/^gpt-(?:3\.5|35)(?:-|$)/.test(name) || /^gpt-4(?:-|$)/.test(name)) return 'openai-cl100k';
  if (/^text-embedding-(?:3-|ada-002)/.test(name)) return 'openai-cl100k';
  if (/^(?:text-)?(?:davinci|curie|babbage|ada)(?:-|$)/.test(name) || /^code-(?:davinci|cushman)/.test(name) || /^text-(?:similarity|search)-/.test(name)) return 'openai-legacy';
  if (NOT_OPENAI.test(name)) return undefined;
  if (/^(?:gpt-|chatgpt-|o\d+(?:-|$)|codex-|computer-use|omni-moderation)/.test(name)) return 'openai-o200k';
  return undefined;
}

/** Families recognised from the name alone, first match wins. */
const NAME_RULES: readonly [RegExp, FamilyId][] = [
  [/claude/, 'claude'],
  [/distill-llama/, 'llama'],
  [/gemini|gemma|learnlm/, 'gemini'],
  [/mistral|mixtral|codestral|devstral|magistral|ministral|pixtral|voxtral|mathstral/, 'mistral'],
  [/deepseek|^mai-ds-r1/, 'deepseek'],
  [/llama/, 'llama'],
];

/** [major, minor] from `claude-3-5-sonnet`, `claude-sonnet-4-5-20250929`, `claude-opus-4.7`, `claude-fable-5-1`. */
export function claudeVersion(name: string): [number, number] | undefined {
  const m = /claude(?:-(?:opus|sonnet|haiku|fable|instant|v))?-(\d{1,2})(?:[.-](\d{1,2})(?!\d))?/.exec(name);
  return m ? [Number(m[1]), m[2] === undefined ? 0 : Number(m[2])] : undefined;
}

function claudeFamily(name: string): FamilyId {
  const v = claudeVersion(name);
  // Aliases without a version (`claude-opus-latest`) follow the newest model, which has the newer tokenizer.
  if (!v) return /-latest$/.test(name) ? 'claude-next' : 'claude';
  return v[0] > 4 || (v[0] === 4 && v[1] >= 7) ? 'claude-next' : 'claude';
}

/** The family a model id belongs to; `vendor` is a provider id such as 'openai', 'anthropic', 'azure', 'openrouter'. */
export function familyForModel(modelId: string, vendor?: string): FamilyId {
  const { name, vendors } = parseModelId(modelId);
  const openai = openAiFamily(name);
  if (openai) return openai;
  for (const [re, family] of NAME_RULES) {
    if (re.test(name)) return family === 'claude' ? claudeFamily(name) : family;
  }
  // The name alone says nothing: use the closest vendor hint, then the provider id.
  const hints = [...vendors].reverse();
  if (vendor) hints.push(vendor.trim().toLowerCase());
  for (const h of hints) {
    const hint = VENDOR_HINTS.get(h);
    if (hint === 'openai') {
      if (NOT_OPENAI.test(name)) continue;
      return 'openai-unknown'; // probably o200k_base, but an unknown name is never marked exact
    }
    if (hint === 'claude') return claudeFamily(name);
    if (hint) return hint;
  }
  return 'other';
}

/** How `modelId`'s tokens are counted: exact for OpenAI models, otherwise o200k_base × a documented family factor. */
export function profileForModel(modelId: string, vendor?: string): TokenizerProfile {
  return familyProfile(familyForModel(modelId, vendor));
}
