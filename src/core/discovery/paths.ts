/** What a workspace path is, by name and place: code of which language, a prompt file, an agent file, a config. */
import type { Lang } from './code/tokens';

export type FileClass =
  | { type: 'code'; lang: Lang; jsx: boolean }
  | { type: 'agent' }
  | { type: 'prompt' }
  | { type: 'config'; syntax: 'yaml' | 'json' }
  | { type: 'none' };

const CODE: Record<string, [Lang, boolean]> = {
  py: ['python', false], ts: ['typescript', false], mts: ['typescript', false], cts: ['typescript', false], tsx: ['typescript', true],
  js: ['javascript', true], jsx: ['javascript', true], mjs: ['javascript', true], cjs: ['javascript', true],
  go: ['go', false], java: ['java', false], kt: ['kotlin', false], kts: ['kotlin', false],
};
const PROMPT_EXT = new Set(['prompty', 'prompt', 'j2', 'jinja', 'jinja2', 'mustache', 'hbs', 'handlebars']);
const SKIP_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv', 'site-packages', '.tox', '.mypy_cache', '.pytest_cache', '.next', '.nuxt', 'bower_components', '.gradle', '.idea']);
const SKIP_JSON = /^(?:package(?:-lock)?|tsconfig(?:\.[\w.-]+)?|jsconfig|composer|bower|lerna|nx|turbo|angular|project|manifest|renovate|\.?eslintrc(?:\.\w+)?|\.?prettierrc|\.?babelrc|launch|tasks|settings|extensions|devcontainer|cspell|vercel|netlify|firebase|app|npm-shrinkwrap|yarn|pnpm-lock|deno|biome|components)\.json$|\.(?:min|map|lock)\.json$|\.schema\.json$|\.ipynb$/i;
const SKIP_YAML = /^(?:pnpm-lock|yarn|\.?pre-commit-config|\.?golangci|codecov|dependabot|mkdocs|pubspec|environment|conda|\.?readthedocs|\.?clang-format|\.?markdownlint|\.?yamllint)\.ya?ml$/i;
const I18N_DIR = /^(?:locales?|i18n|l10n|lang|langs|languages|translations?|messages|intl|nls)$/i;
const LOCALE_FILE = /^(?:en|de|fr|es|it|pt|nl|ja|zh|ko|ru|pl|sv|da|fi|nb|no|cs|tr|ar|he|hi|uk|el|hu|ro|id|th|vi|ca|bg|hr|sk|sl|lt|lv|et|fa|ms)(?:[-_][A-Za-z]{2,4})?\.(?:json|ya?ml)$/;
export const PROMPT_DIR = /^(?:prompts?|prompt[-_]?templates?|system[-_]?prompts?|prompt[-_]?library|llm[-_]?prompts)$/i;

function parts(path: string): { dirs: string[]; base: string; ext: string } {
  const segs = path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  const base = segs.pop() ?? '';
  const dot = base.lastIndexOf('.');
  return { dirs: segs, base, ext: dot > 0 ? base.slice(dot + 1).toLowerCase() : '' };
}

/** Agent instruction files by name and place. */
export function isAgentPath(path: string): boolean {
  const { dirs, base, ext } = parts(path);
  return isAgentParts(dirs, base, ext);
}

function isAgentParts(dirs: readonly string[], base: string, ext: string): boolean {
  // every agent file is Markdown, .mdc or text, or a dotfile without extension (.cursorrules): code files stop here
  if (ext !== '' && ext !== 'md' && ext !== 'mdc' && ext !== 'txt') return false;
  const lower = base.toLowerCase();
  const dir = dirs.join('/').toLowerCase();
  const parent = (dirs[dirs.length - 1] ?? '').toLowerCase();
  if (['agents.md', 'claude.md', 'claude.local.md', 'gemini.md', '.cursorrules', '.windsurfrules', '.clinerules', 'skill.md'].includes(lower)) return true;
  if (lower === 'copilot-instructions.md' && parent === '.github') return true;
  if (lower.endsWith('.instructions.md') && (dir.endsWith('.github/instructions') || dir === '.github/instructions')) return true;
  if (lower.endsWith('.prompt.md') && (dir.endsWith('.github/prompts') || dir === '.github/prompts')) return true;
  if ((ext === 'mdc' || ext === 'md') && (dir.endsWith('.cursor/rules') || dir === '.cursor/rules')) return true;
  if ((ext === 'md' || ext === 'txt') && ['.clinerules', '.windsurf/rules', '.claude/rules'].some((d) => dir === d || dir.endsWith('/' + d))) return true;
  if (ext === 'md' && (dir === '.github/chatmodes' || dir.endsWith('/.github/chatmodes'))) return true;
  return false;
}

/** Decides how a file is read. */
export function classify(path: string): FileClass {
  const { dirs, base, ext } = parts(path);
  if (dirs.some((d) => SKIP_DIRS.has(d))) return { type: 'none' };
  if (isAgentParts(dirs, base, ext)) return { type: 'agent' };
  const lower = base.toLowerCase();
  if (CODE[ext]) {
    if (/\.min\.js$|\.d\.[mc]?ts$|\.bundle\.js$/.test(lower)) return { type: 'none' };
    const [lang, jsx] = CODE[ext];
    return { type: 'code', lang, jsx };
  }
  if (PROMPT_EXT.has(ext) || lower === 'skprompt.txt' || /\.prompt\.(?:md|txt)$/.test(lower)) return { type: 'prompt' };
  if (ext === 'md' || ext === 'markdown' || ext === 'txt') {
    if (/^(?:readme|changelog|changes|history|license|licence|contributing|code_of_conduct|security|notice|authors|todo)\b/i.test(base)) return { type: 'none' };
    if (dirs.some((d) => PROMPT_DIR.test(d))) return { type: 'prompt' };
    if ((lower === 'system.md' || lower === 'user.md') && dirs.some((d) => d === 'patterns')) return { type: 'prompt' };
    if (lower === 'system.md' || lower === 'system_prompt.md' || lower === 'system-prompt.md' || lower === 'system_prompt.txt' || lower === 'system-prompt.txt' || lower === 'instructions.md') return { type: 'prompt' };
    return { type: 'none' };
  }
  if (ext === 'yaml' || ext === 'yml' || ext === 'json' || ext === 'jsonc') {
    if (dirs.some((d) => I18N_DIR.test(d)) || LOCALE_FILE.test(base)) return { type: 'none' };
    if (ext.startsWith('json') ? SKIP_JSON.test(base) : SKIP_YAML.test(base)) return { type: 'none' };
    return { type: 'config', syntax: ext.startsWith('json') ? 'json' : 'yaml' };
  }
  return { type: 'none' };
}

/** Cheap pre-filter by name and extension for the workspace walk. */
export function isCandidateFile(path: string): boolean {
  return classify(path).type !== 'none';
}

export { parts as pathParts };
