/** Single-brace slots: Python f-strings / str.format (`{x}`, `{{` escapes) and JS templates / Prompty (`${x}`). */
import { boundOf, exprRoots, type Dialect } from './expr';
import type { TemplateSlot, TemplateSyntax } from './types';

const MAX_EXPR = 300;

/** Index of the `}` closing the `{` at `open` (nesting and quotes aware), or -1. */
function closeBrace(text: string, open: number, stopAtNewline: boolean): number {
  let depth = 0;
  const lim = Math.min(text.length, open + MAX_EXPR);
  for (let i = open; i < lim; i++) {
    const c = text[i];
    if (c === '\n' && stopAtNewline) return -1;
    if (c === '"' || c === "'" || c === '`') {
      const q = c;
      i++;
      while (i < lim && text[i] !== q && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (i >= lim || text[i] === '\n') return -1;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits a replacement field into expression / conversion / format spec at depth 0. */
function fieldExpression(inner: string): string {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < inner.length && inner[i] !== q) i++;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && c === '!' && inner[i + 1] !== '=') return inner.slice(0, i);
    else if (depth === 0 && c === ':' && !/lambda\b/.test(inner.slice(0, i))) return inner.slice(0, i);
  }
  return inner;
}

function slotsFor(
  start: number, end: number, exprStart: number, expr: string, dialect: Dialect, syntax: TemplateSyntax,
): TemplateSlot[] {
  const roots = exprRoots(expr, dialect);
  const out: TemplateSlot[] = [];
  const seen = new Set<string>();
  roots.forEach((r, k) => {
    if (seen.has(r.name)) return;
    seen.add(r.name);
    const b = boundOf(expr, r.name);
    const whole = k === 0;
    out.push({
      kind: 'variable', name: r.name, path: r.path, expression: expr, syntax,
      start: whole ? start : exprStart + r.start, end: whole ? end : exprStart + r.end,
      inLoop: false, bounded: b.bounded, ...(b.boundCount !== undefined ? { boundCount: b.boundCount } : {}), ...(b.scalar ? { scalar: true } : {}),
    });
  });
  if (out.length === 0) out.push({ kind: 'block', name: '', path: '', expression: expr, syntax, start, end, inLoop: false, bounded: true });
  return out;
}

/** `{x}`, `{x.attr}`, `{x[0]}`, `{x!r:>10}`, `{}`/`{0}` (positional, named `arg0`…); `{{` and `}}` are literal braces. */
export function findFStringSlots(text: string, syntax: TemplateSyntax): TemplateSlot[] {
  const out: TemplateSlot[] = [];
  let positional = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') { i++; continue; }
    if (c !== '{') continue;
    if (text[i + 1] === '{') { i++; continue; }
    const close = closeBrace(text, i, true);
    if (close < 0) continue;
    const inner = text.slice(i + 1, close);
    const expr = fieldExpression(inner);
    const t = expr.trim();
    if (t === '' || /^\d+$/.test(t)) {
      const name = t === '' ? `arg${positional++}` : `arg${t}`;
      out.push({ kind: 'variable', name, path: name, expression: expr, syntax, start: i, end: close + 1, inLoop: false, bounded: false });
    } else if (/^[A-Za-z_(\[]/.test(t) && !/^[A-Za-z_]\w*\s*:\s+\S|^[A-Za-z_]\w*\s*:\s*["'[{]/.test(inner.trim())) {
      // a valid field; `{name: "x"}` (JSON / dict-looking) is left as text
      out.push(...slotsFor(i, close + 1, i + 1, expr, 'python', syntax));
    } else continue;
    i = close;
  }
  return out;
}

/** `${expr}` (JS template literals, Prompty `${env:VAR}` / `${file:path}`). `\${` is literal. */
export function findDollarSlots(text: string, syntax: TemplateSyntax): TemplateSlot[] {
  const out: TemplateSlot[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$' || text[i + 1] !== '{' || text[i - 1] === '\\') continue;
    const close = closeBrace(text, i + 1, false);
    if (close < 0) continue;
    const expr = text.slice(i + 2, close);
    const env = /^\s*(env|file):([^}]*)$/.exec(expr);
    if (env) {
      const name = env[2].trim() || env[1];
      out.push({ kind: 'variable', name, path: `${env[1]}:${name}`, expression: expr, syntax, start: i, end: close + 1, inLoop: false, bounded: false });
    } else out.push(...slotsFor(i, close + 1, i + 2, expr, 'js', syntax));
    i = close;
  }
  return out;
}
