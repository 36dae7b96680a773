/** `---` front matter at the top of a file: its fields (via the YAML reader) and where the body starts. */
import { scanYaml, YamlScalar } from './yamlScan';

export interface FrontMatter {
  /** All scalars of the front matter, offsets relative to the whole file. */
  scalars: YamlScalar[];
  /** Offset where the body starts (after the closing `---` line). */
  bodyStart: number;
}

/** Reads front matter when the file starts with a `---` line (a BOM before it is allowed). */
export function frontMatter(text: string): FrontMatter | undefined {
  const m = /^\ufeff?---[ \t]*\r?\n/.exec(text);
  if (!m) return undefined;
  const re = /^(?:---|\.\.\.)[ \t]*\r?$/gm;
  re.lastIndex = m[0].length;
  const close = re.exec(text);
  if (!close) return undefined;
  const inner = text.slice(m[0].length, close.index);
  const scalars = scanYaml(inner).map((s) => ({ ...s, start: s.start + m[0].length, end: s.end + m[0].length }));
  let bodyStart = close.index + close[0].length;
  if (text[bodyStart] === '\r') bodyStart++;
  if (text[bodyStart] === '\n') bodyStart++;
  return { scalars, bodyStart };
}

/** A top-level (or dotted-path) field: its value and style, e.g. field(fm, 'alwaysApply'). */
export function field(fm: FrontMatter | undefined, path: string): YamlScalar | undefined {
  if (!fm) return undefined;
  const want = path.split('.');
  return fm.scalars.find((s) => s.path.length === want.length && s.path.every((p, i) => String(p) === want[i]));
}

/** Values of a field that is a scalar or a list (`globs: a, b` / `globs: [a]` is not read / `- a` items). */
export function fieldValues(fm: FrontMatter | undefined, key: string): string[] {
  if (!fm) return [];
  return fm.scalars.filter((s) => s.path[0] === key && (s.path.length === 1 || (s.path.length === 2 && typeof s.path[1] === 'number'))).map((s) => s.value.trim()).filter((v) => v !== '');
}

/** True when the raw front matter line of `key` has a non-empty flow list or value (covers `globs: ["*.ts"]`). */
export function hasNonEmptyField(text: string, fm: FrontMatter | undefined, key: string): boolean {
  if (fieldValues(fm, key).length > 0) return true;
  if (!fm) return false;
  const head = text.slice(0, fm.bodyStart);
  const m = new RegExp(`^${key}[ \\t]*:[ \\t]*(.*)$`, 'm').exec(head);
  return !!m && m[1].trim() !== '' && !/^(?:\[\s*\]|""|''|~|null)$/.test(m[1].trim());
}
