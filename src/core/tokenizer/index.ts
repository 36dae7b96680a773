import { countWith } from './count';
import { loadTokenizer } from './engine';
import { profileForModel } from './profiles';
import type { TokenCount } from './types';

export type { EncodingName, RawCount, TokenCount, Tokenizer, TokenizerProfile } from './types';
export { ENCODINGS, getLoadedTokenizer, loadTokenizer } from './engine';
export { claudeVersion, familyForModel, familyProfile, FAMILY_TABLE, parseModelId, profileForModel } from './profiles';
export type { FamilyId, FamilyRow, ParsedModelId } from './profiles';
export { applyProfile, countWith, stripBom } from './count';
export { ChunkedCounter } from './chunked';
export type { ChunkedCounterOptions, ChunkedStats } from './chunked';
export { DEFAULT_SLICING } from './slicing';
export type { SlicingOptions } from './slicing';

/** Counts `text` for a model: loads the model's encoding on first use (once), then counts. A leading BOM is dropped. */
export async function countTokens(text: string, modelId: string, vendor?: string): Promise<TokenCount> {
  const profile = profileForModel(modelId, vendor);
  return countWith(await loadTokenizer(profile.encoding), text, profile);
}
