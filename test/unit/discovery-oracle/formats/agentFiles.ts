/**
 * Agent instruction files sent with requests: AGENTS.md, CLAUDE.md, GEMINI.md, Copilot instructions and
 * prompt files, Cursor/Windsurf/Cline rules, skills. The body after front matter is one prompt; the
 * front matter decides how often it is sent.
 */
import { field, fieldValues, hasNonEmptyField } from '../frontMatter';
import { baseName } from '../lines';
import { templateSyntaxOf } from '../content';
import type { RawPrompt } from '../types';
import { bodyOf } from './body';

type Frequency = NonNullable<RawPrompt['frequency']>;

export function detectAgentFile(path: string, text: string): RawPrompt[] {
  const body = bodyOf(text);
  if (!body) return [];
  const base = baseName(path);
  const lower = base.toLowerCase();
  const dir = path.toLowerCase();
  const fm = body.fm;
  let format: string;
  let frequency: Frequency = 'always';
  const evidence: string[] = [];
  if (lower === 'agents.md') format = 'agents-md';
  else if (lower === 'claude.md' || lower === 'claude.local.md' || dir.includes('.claude/rules/')) {
    format = 'claude-md';
    if (dir.includes('.claude/rules/') && hasNonEmptyField(text, fm, 'paths')) {
      frequency = 'conditional';
      evidence.push(`paths: ${fieldValues(fm, 'paths').join(', ')}`);
    }
  } else if (lower === 'gemini.md') format = 'gemini-md';
  else if (lower === 'copilot-instructions.md') format = 'copilot-instructions';
  else if (lower.endsWith('.instructions.md')) {
    format = 'copilot-instructions';
    const apply = fieldValues(fm, 'applyTo').join(',');
    if (apply === '') frequency = 'on-demand';
    else if (/^(?:\*\*|\*\*\/\*)$/.test(apply)) frequency = 'always';
    else frequency = 'conditional';
    evidence.push(apply ? `applyTo: ${apply}` : 'no applyTo: attached by hand');
  } else if (lower.endsWith('.prompt.md') || dir.includes('.github/chatmodes/')) {
    format = lower.endsWith('.prompt.md') ? 'copilot-prompt' : 'copilot-chatmode';
    frequency = 'on-demand';
  } else if (lower === '.cursorrules' || dir.includes('.cursor/rules/')) {
    format = 'cursor-rule';
    if (lower !== '.cursorrules') {
      const always = field(fm, 'alwaysApply');
      if (always && always.style === 'plain' && always.value.trim() === 'true') {
        frequency = 'always';
        evidence.push('alwaysApply: true');
      } else if (hasNonEmptyField(text, fm, 'globs')) {
        frequency = 'conditional';
        evidence.push(`globs: ${fieldValues(fm, 'globs').join(', ') || 'set'}`);
      } else {
        frequency = 'on-demand';
        if (always && always.value.trim() === 'true') evidence.push('alwaysApply is the string "true", not the boolean: not applied to every request');
        else evidence.push('no alwaysApply/globs: applied when the agent or user asks for it');
      }
    }
  } else if (lower === '.windsurfrules' || dir.includes('.windsurf/rules/')) {
    format = 'windsurf-rules';
    const trigger = field(fm, 'trigger')?.value.trim();
    if (trigger === 'glob') frequency = 'conditional';
    else if (trigger === 'model_decision' || trigger === 'manual') frequency = 'on-demand';
    if (trigger) evidence.push(`trigger: ${trigger}`);
  } else if (lower === '.clinerules' || dir.includes('.clinerules/')) {
    format = 'cline-rules';
    if (hasNonEmptyField(text, fm, 'paths')) frequency = 'conditional';
  } else if (lower === 'skill.md') {
    format = 'skill';
    frequency = 'on-demand';
    evidence.push('skill body is loaded on demand (name/description up front)');
  } else return [];
  return [{
    kind: 'agent-instructions',
    format,
    name: base,
    text: body.text,
    startOffset: body.start,
    endOffset: body.end,
    confidence: 0.97,
    evidence: [`agent instructions file ${path}`, ...evidence],
    frequency,
    templateSyntax: templateSyntaxOf(body.text, 'none'),
  }];
}
