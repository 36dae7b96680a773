/** Types of prompt discovery: text in, spans out. */

export type PromptKind = 'prompt-file' | 'agent-instructions' | 'embedded' | 'config-value';

export type PromptRole = 'system' | 'user' | 'assistant' | 'developer';

export type TemplateSyntax = 'fstring' | 'format' | 'jinja' | 'mustache' | 'handlebars' | 'sk' | 'js-template' | 'go-template' | 'none';

export interface DetectedPrompt {
  kind: PromptKind;
  /** e.g. 'prompty', 'dotprompt', 'jinja', 'agents-md', 'yaml-key', 'python', 'typescript'. */
  format: string;
  /** Variable/const name, role, key, or the file name. */
  name: string;
  /** The prompt text as the model receives it: escapes decoded, dedent applied, concatenations joined; template slots kept. */
  text: string;
  /** Offsets of the prompt text in the file: a literal's contents or a file's body, trimmed of surrounding blank space. */
  startOffset: number;
  endOffset: number;
  /** 0-based inclusive lines of the prompt text. */
  startLine: number;
  endLine: number;
  /** 0..1 */
  confidence: number;
  /** Why it was reported, e.g. 'openai messages role=system', 'name SYSTEM_PROMPT', 'under prompts/'. */
  evidence: string[];
  role?: PromptRole;
  /** Agent instruction files: sent with every request, only for matching files, or when asked for. */
  frequency?: 'always' | 'conditional' | 'on-demand';
  templateSyntax?: TemplateSyntax;
  /** Literal model id at the call site, if any. */
  model?: string;
}

export interface DetectOptions {
  /** Prompts below this confidence are dropped (default 0.5). */
  minConfidence?: number;
}

/** A prompt found by a format handler before lines are computed and ranges are checked. */
export interface RawPrompt {
  kind: PromptKind;
  format: string;
  name: string;
  text: string;
  startOffset: number;
  endOffset: number;
  confidence: number;
  evidence: string[];
  role?: PromptRole;
  frequency?: 'always' | 'conditional' | 'on-demand';
  templateSyntax?: TemplateSyntax;
  model?: string;
}
