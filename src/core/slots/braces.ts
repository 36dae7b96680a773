/** The double-brace family: Jinja/Nunjucks, Mustache, Handlebars (Dotprompt), Semantic Kernel and Go templates. */
import type { Root } from './expr';
import { jinjaStatement } from './jinja';
import {
  emitRoots, findClose, inItemScope, looksLikeCollection, mark, popScope, push, splitArgs, trimInner, type ScanState,
} from './scan';
import type { TemplateSlot, TemplateSyntax } from './types';

/** Handlebars/Mustache: a root is an item field inside `each`/`with`/loop sections unless written `../x` or `@root.x`. */
function hbLocal(st: ScanState) {
  return (r: Root, expr: string) => {
    const before = expr.slice(0, r.start);
    if (/(\.\.\/|@root\.)$/.test(before)) return false;
    return inItemScope(st) || /this\.$/.test(before);
  };
}

function handlebars(st: ScanState, start: number, end: number, t: string, at: number): void {
  const local = hbLocal(st);
  const sigil = t[0];
  if (sigil === '#' || sigil === '^') {
    const parts = splitArgs(t.slice(1));
    const helper = parts[0]?.text ?? '';
    const argsAt = at + 1 + (parts[1]?.at ?? t.length);
    let args = parts.length > 1 ? t.slice(1 + parts[1].at) : '';
    if (sigil === '^') {
      emitRoots(st, start, end, at + 1, t.slice(1), 'handlebars', { kind: 'condition', whole: 'block', firstCoversWhole: true, local });
      st.scopes.push({ tag: helper, loop: false, itemScope: false, locals: new Set() });
      return;
    }
    if (helper === 'each') {
      const as = /\s+as\s+\|([^|]*)\|\s*$/.exec(args);
      if (as) args = args.slice(0, as.index);
      emitRoots(st, start, end, argsAt, args, 'handlebars', { kind: 'iterable', whole: 'block', firstCoversWhole: true, local });
      st.scopes.push({ tag: 'each', loop: true, itemScope: !as, locals: new Set(as ? as[1].split(/\s+/).filter(Boolean) : []) });
    } else if (helper === 'if' || helper === 'unless') {
      emitRoots(st, start, end, argsAt, args, 'handlebars', { kind: 'condition', whole: 'block', firstCoversWhole: true, local });
      st.scopes.push({ tag: helper, loop: false, itemScope: false, locals: new Set() });
    } else if (helper === 'with') {
      emitRoots(st, start, end, argsAt, args, 'handlebars', { kind: 'variable', whole: 'block', firstCoversWhole: true, local });
      st.scopes.push({ tag: 'with', loop: false, itemScope: true, locals: new Set() });
    } else if (parts.length === 1 && /^[\w.]+$/.test(helper)) {
      // Mustache section: a loop over a collection, or a conditional block over a flag
      const loop = looksLikeCollection(helper.split('.')[0]);
      emitRoots(st, start, end, at + 1 + (parts[0]?.at ?? 0), helper, 'handlebars', { kind: loop ? 'iterable' : 'condition', whole: 'block', firstCoversWhole: true, local });
      st.scopes.push({ tag: helper, loop, itemScope: loop, locals: new Set() });
    } else {
      emitRoots(st, start, end, argsAt, args, 'handlebars', { kind: 'variable', whole: 'block', firstCoversWhole: false, local });
      st.scopes.push({ tag: helper, loop: false, itemScope: false, locals: new Set() });
    }
    return;
  }
  if (sigil === '/') { mark(st, 'block', start, end, t); popScope(st, t.slice(1).trim()); return; }
  if (sigil === '>') {
    const name = (splitArgs(t.slice(1))[0]?.text ?? '').replace(/^["'(]|["')]$/g, '');
    push(st, { kind: 'partial', name, path: name, expression: t, start, end, bounded: false });
    return;
  }
  const body = sigil === '&' ? t.slice(1) : t;
  const bodyAt = sigil === '&' ? at + 1 : at;
  if (/^else\b/.test(body)) {
    emitRoots(st, start, end, bodyAt + 4, body.slice(4).replace(/^\s*(if|unless)\b/, (s) => ' '.repeat(s.length)), 'handlebars', { kind: 'condition', whole: 'block', firstCoversWhole: true, local });
    return;
  }
  if (body === 'this' || body === '.' || body.startsWith('@')) { mark(st, 'local', start, end, body, body); return; }
  const parts = splitArgs(body);
  if (parts.length > 1 && /^[A-Za-z_][\w.-]*$/.test(parts[0].text)) {
    // helper call: `{{role "system"}}`, `{{json schema}}`, `{{media url=photo}}`
    const argsAt = parts[1].at;
    emitRoots(st, start, end, bodyAt + argsAt, body.slice(argsAt), 'handlebars', { kind: 'variable', whole: 'helper', firstCoversWhole: false, local });
    return;
  }
  emitRoots(st, start, end, bodyAt, body, 'handlebars', { kind: 'variable', whole: 'block', firstCoversWhole: true, local });
}

function semanticKernel(st: ScanState, start: number, end: number, t: string, at: number): void {
  const parts = splitArgs(t);
  if (parts.length === 1 && t.startsWith('$')) {
    emitRoots(st, start, end, at, t, 'sk', { kind: 'variable', whole: 'block', firstCoversWhole: true });
    return;
  }
  emitRoots(st, start, end, at, t, 'sk', { kind: 'variable', whole: parts.length ? 'helper' : 'block', firstCoversWhole: false });
}

function goTemplate(st: ScanState, start: number, end: number, t: string, at: number): void {
  const kw = /^\w+/.exec(t)?.[0] ?? '';
  const rest = t.slice(kw.length);
  const restAt = at + kw.length;
  const local = (r: Root, expr: string) => {
    const before = expr.slice(0, r.start);
    if (before.endsWith('$.')) return false;
    if (before.endsWith('$')) return true; // $x: a template variable
    return inItemScope(st);
  };
  if (t.startsWith('/*')) { mark(st, 'comment', start, end, t); return; }
  if (kw === 'range') {
    const m = /^\s*(?:(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=)?\s*([\s\S]*)$/.exec(rest)!;
    emitRoots(st, start, end, restAt + rest.length - m[3].length, m[3], 'go', { kind: 'iterable', whole: 'block', firstCoversWhole: true, local });
    st.scopes.push({ tag: 'end', loop: true, itemScope: true, locals: new Set() });
  } else if (kw === 'if' || kw === 'with') {
    emitRoots(st, start, end, restAt, rest, 'go', { kind: kw === 'if' ? 'condition' : 'variable', whole: 'block', firstCoversWhole: true, local });
    st.scopes.push({ tag: 'end', loop: false, itemScope: kw === 'with', locals: new Set() });
  } else if (kw === 'define' || kw === 'block') {
    mark(st, 'block', start, end, t);
    st.scopes.push({ tag: 'end', loop: false, itemScope: false, locals: new Set() });
  } else if (kw === 'end') {
    mark(st, 'block', start, end, t);
    popScope(st, 'end');
  } else if (kw === 'else') {
    emitRoots(st, start, end, restAt, rest.replace(/^\s*(if|with)\b/, (s) => ' '.repeat(s.length)), 'go', { kind: 'condition', whole: 'block', firstCoversWhole: true, local });
  } else if (kw === 'template') {
    const name = /"([^"]*)"/.exec(rest)?.[1] ?? '';
    push(st, { kind: 'partial', name, path: name, expression: t, start, end, bounded: false });
  } else if (kw && !t.startsWith('.')) {
    // a function pipeline: `printf "%s" .Name`, `len .Items`
    emitRoots(st, start, end, at, t, 'go', { kind: 'variable', whole: 'helper', firstCoversWhole: false, local });
  } else {
    emitRoots(st, start, end, at, t, 'go', { kind: 'variable', whole: 'block', firstCoversWhole: true, local });
  }
}

/** All markup of the double-brace syntaxes in `text`. */
export function findBraceSlots(text: string, syntax: TemplateSyntax): TemplateSlot[] {
  const st: ScanState = { text, syntax, out: [], scopes: [{ tag: '#file', loop: false, itemScope: false, locals: new Set() }] };
  const jinja = syntax === 'jinja';
  const hb = syntax === 'mustache' || syntax === 'handlebars';
  let i = 0;
  while (i < text.length - 1) {
    const j = text.indexOf('{', i);
    if (j < 0 || j >= text.length - 1) break;
    const next = text[j + 1];
    if (jinja && next === '#') {
      const close = text.indexOf('#}', j + 2);
      if (close < 0) { i = j + 2; continue; }
      mark(st, 'comment', j, close + 2, text.slice(j + 2, close));
      i = close + 2;
      continue;
    }
    if (jinja && next === '%') {
      const close = findClose(text, j + 2, '%}');
      if (close < 0) { i = j + 2; continue; }
      const [stmt, at] = trimInner(text.slice(j + 2, close), j + 2);
      i = jinjaStatement(st, j, close + 2, stmt, at);
      continue;
    }
    if (next !== '{') { i = j + 1; continue; }
    if (hb && text.startsWith('{{!--', j)) {
      const close = text.indexOf('--}}', j + 5);
      const e = close < 0 ? -1 : close + 4;
      if (e < 0) { i = j + 2; continue; }
      mark(st, 'comment', j, e, text.slice(j + 5, close));
      i = e;
      continue;
    }
    const triple = hb && text[j + 2] === '{';
    const open = triple ? 3 : 2;
    const closer = triple ? '}}}' : '}}';
    const close = hb && text[j + 2] === '!' ? text.indexOf('}}', j + 3) : findClose(text, j + open, closer);
    if (close < 0) { i = j + 2; continue; }
    const end = close + closer.length;
    const [t, at] = trimInner(text.slice(j + open, close), j + open);
    if (hb && t.startsWith('!')) mark(st, 'comment', j, end, t);
    else if (t === '') mark(st, 'block', j, end, t);
    else if (jinja) emitRoots(st, j, end, at, t, 'jinja', { kind: 'variable', whole: 'block', firstCoversWhole: true });
    else if (hb) handlebars(st, j, end, t, at);
    else if (syntax === 'sk') semanticKernel(st, j, end, t, at);
    else goTemplate(st, j, end, t, at);
    i = end;
  }
  return st.out;
}
