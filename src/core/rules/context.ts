/** Building a RuleContext from a detected prompt: slots, inline annotation, variable estimates, input tokens. */
import type { Settings } from '../config/schema';
import type { DetectedPrompt } from '../discovery/types';
import { estimateVariables, promptInputTokens } from '../slots/estimate';
import { findSlots, staticText } from '../slots/find';
import { parseInlineAnnotation } from '../slots/inline';
import type { InlineAnnotation } from '../slots/types';
import type { RuleContext } from './types';

export interface RuleContextInput {
  path: string;
  documentText: string;
  prompt: DetectedPrompt;
  count: (t: string) => number;
  settings: Settings;
  /** USD per month of one input token per request at the prompt's model and traffic (inline model/traffic applied). */
  monthlyUSDPerInputToken: number;
  /** Monthly cost of the prompt; default: promptTokens × monthlyUSDPerInputToken (input only). */
  monthlyUSD?: number;
  workspacePrompts?: RuleContext['workspacePrompts'];
  cache?: RuleContext['cache'];
  /** The prompt's annotation when already parsed; else parsed here. Null: do not look for one. */
  inline?: InlineAnnotation | null;
}

/** A RuleContext with slots, estimates and tokens filled in; also returns the annotation and static tokens used. */
export function buildRuleContext(input: RuleContextInput): RuleContext & { inline?: InlineAnnotation; staticTokens: number } {
  const { prompt } = input;
  const slots = findSlots(prompt.text, prompt.templateSyntax);
  const inline = input.inline === null ? undefined : input.inline ?? parseInlineAnnotation(input.documentText, prompt.startOffset, prompt.endOffset);
  const variables = estimateVariables(slots, { settings: input.settings, path: input.path, inline });
  const staticTokens = input.count(staticText(prompt.text, slots));
  const promptTokens = promptInputTokens(staticTokens, variables);
  return {
    path: input.path, documentText: input.documentText, prompt, count: input.count, promptTokens, variables,
    monthlyUSDPerInputToken: input.monthlyUSDPerInputToken, monthlyUSD: input.monthlyUSD ?? promptTokens * input.monthlyUSDPerInputToken,
    settings: input.settings, slots, staticTokens,
    ...(input.workspacePrompts ? { workspacePrompts: input.workspacePrompts } : {}),
    ...(input.cache ? { cache: input.cache } : {}), ...(inline ? { inline } : {}),
  };
}
