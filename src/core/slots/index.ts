/** Template slots: find the variable parts of a prompt, estimate their fills, read inline `prompt-cost:` annotations. */
export type { EstimatedVariable, EstimateSource, InlineAnnotation, SlotKind, TemplateSlot, TemplateSyntax } from './types';
export { detectSyntax, findSlots, isRendered, slotRanges, staticText } from './find';
export { boundOf, nameWords } from './expr';
export {
  categoryOf, DEFAULT_OTHER_TOKENS, DEFAULT_VARIABLE_TOKENS, defaultVariableTokens, LOOP_FACTOR, SCALAR_TOKENS, VARIABLE_CATEGORIES,
  type VariableCategory,
} from './defaults';
export { INLINE_LINES_ABOVE, parseAmount, parseInlineAnnotation } from './inline';
export { estimateVariables, promptInputTokens, type EstimateOptions } from './estimate';
