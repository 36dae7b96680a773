/** Encodings with a public, exact tokenizer that ships inside the bundle. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** How a model's tokens are counted. */
export interface TokenizerProfile {
  /** The public encoding the count starts from. */
  readonly encoding: EncodingName;
  /** True only when the model really uses `encoding` (OpenAI models): the count is the billed count. */
  readonly exact: boolean;
  /** Model family the profile was chosen for, e.g. `openai-o200k`, `claude`, `gemini`, `llama`, `mistral`, `other`. */
  readonly family: string;
  /** Multiplier applied to the encoding's count for an estimate (1 when exact). */
  readonly factor: number;
  /** Stated error band of the estimate in percent (0 when exact), e.g. 15 means "within about ±15 %". */
  readonly errorPct: number;
  /** One sentence a person can read: where the factor comes from. */
  readonly note: string;
}

export interface TokenCount {
  readonly tokens: number;
  /** False when the count is an estimate: a non-OpenAI family, or long no-space runs counted in slices. */
  readonly exact: boolean;
  readonly encoding: EncodingName;
  readonly profile: TokenizerProfile;
  /** True when long runs without whitespace were counted in bounded slices. */
  readonly sliced: boolean;
  /** The encoding's own count before the family factor (equals `tokens` for OpenAI models). Set by `countWith`. */
  readonly encodingTokens?: number;
}

/** Raw result of `Tokenizer.count`. */
export interface RawCount {
  readonly tokens: number;
  /** True when long single-piece runs (letters, symbols or whitespace) were counted in bounded slices. */
  readonly sliced: boolean;
  /**
   * False when the count is not the encoding's exact count for another reason than slicing. Only set when the
   * engine's U+FEFF correction could not be installed (a changed gpt-tokenizer) and the text contains U+FEFF.
   */
  readonly exact?: boolean;
}

/** Counts tokens of one encoding in ordinary mode: special-token text such as `<|endoftext|>` counts as text. */
export interface Tokenizer {
  readonly encoding: EncodingName;
  /** Raw encoding count of `text` (no family factor). `sliced` tells if bounded slicing was applied. */
  count(text: string): RawCount;
}
