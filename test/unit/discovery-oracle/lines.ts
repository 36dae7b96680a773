/** Offsets to lines, and small text helpers shared by the format handlers. */

/** Start offsets of the lines of `text`; `\r\n`, `\n` and a lone `\r` end a line (as in VS Code). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset (clamped to the document). */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;

/** Narrows [start, end) of `text` so it neither starts nor ends with white space. Returns null when only space is left. */
export function trimRange(text: string, start: number, end: number): [number, number] | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return s < e ? [s, e] : null;
}

/** Removes the common leading white space of the non-blank lines (Python's textwrap.dedent, Kotlin's trimIndent body). */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let common: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const lead = /^[ \t]*/.exec(line)![0];
    common = common === null ? lead : commonPrefix(common, lead);
    if (common === '') break;
  }
  if (!common) return lines.map((l) => (l.trim() === '' ? '' : l)).join('\n');
  const n = common.length;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(n))).join('\n');
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** Kotlin's trimIndent: drops a blank first and last line, then dedents. */
export function trimIndent(text: string): string {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[0].trim() === '') lines.shift();
  if (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return dedent(lines.join('\n'));
}

/** Kotlin's trimMargin: drops a blank first and last line, and strips `marker` and the space before it on each line. */
export function trimMargin(text: string, marker = '|'): string {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[0].trim() === '') lines.shift();
  if (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines
    .map((l) => {
      const m = /^[ \t]*/.exec(l)![0].length;
      return l.startsWith(marker, m) ? l.slice(m + marker.length) : l;
    })
    .join('\n');
}

/** Last path segment. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}
