import type { RawCount, TokenCount, Tokenizer, TokenizerProfile } from './types';

/**
 * A leading U+FEFF is a byte-order mark, not prompt content: VS Code's documents never contain it, so the CLI and
 * the editor agree only if it is dropped. U+FEFF anywhere else is text and counts exactly as tiktoken counts it.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Applies a profile to a raw encoding count: the family factor for estimates, and the exactness rules. */
export function applyProfile(raw: RawCount, encoding: Tokenizer['encoding'], profile: TokenizerProfile): TokenCount {
  const exact = profile.exact && encoding === profile.encoding && !raw.sliced && raw.exact !== false;
  const tokens = profile.exact ? raw.tokens : Math.round(raw.tokens * profile.factor);
  return { tokens, exact, encoding, profile, sliced: raw.sliced, encodingTokens: raw.tokens };
}

/**
 * Synchronous count with a loaded tokenizer (see `getLoadedTokenizer`). A leading BOM is dropped. Exact only when the
 * profile is exact, the tokenizer is the profile's encoding and no long run had to be sliced.
 */
export function countWith(tokenizer: Tokenizer, text: string, profile: TokenizerProfile): TokenCount {
  return applyProfile(tokenizer.count(stripBom(text)), tokenizer.encoding, profile);
}
