/**
 * Which files are dedicated prompt files: the whole file is a prompt, so one CodeLens at line 0 prices it.
 * Pure (no vscode): takes the path part of a URI, works for file://, vscode-remote:// and virtual file systems.
 * Later replaced by the core's full detection (which also finds prompts embedded in code).
 */

/** Glob patterns of the same files, for the CodeLens document selector and `workspaceContains` activation. */
export const PROMPT_FILE_GLOBS: readonly string[] = [
  '**/prompts/**/*.{md,markdown}',
  '**/*.{prompty,prompt,j2,jinja,jinja2}',
  '**/skprompt.txt',
  '**/{AGENTS,CLAUDE,agents,claude}.md',
];

const TEMPLATE_EXTENSIONS = new Set(['.prompty', '.prompt', '.j2', '.jinja', '.jinja2']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);
const AGENT_FILES = new Set(['agents.md', 'claude.md']);

/** True when the file at `path` (POSIX or Windows separators) is a dedicated prompt file. */
export function isDedicatedPromptFile(path: string): boolean {
  const parts = path.split(/[\\/]+/).filter((p) => p.length > 0);
  const base = (parts.pop() ?? '').toLowerCase();
  if (base === '') return false;
  if (AGENT_FILES.has(base) || base === 'skprompt.txt') return true;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  if (TEMPLATE_EXTENSIONS.has(ext)) return true;
  return MARKDOWN_EXTENSIONS.has(ext) && parts.some((dir) => dir.toLowerCase() === 'prompts');
}
