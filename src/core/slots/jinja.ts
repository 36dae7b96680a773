/** Jinja / Nunjucks statements `{% … %}`: loops, conditions, set/with/macro scopes, includes, raw blocks. */
import { emitRoots, mark, popScope, push, type ScanState } from './scan';

const CLOSERS: Record<string, string> = {
  endfor: 'for', endif: 'if', endmacro: 'macro', endwith: 'with', endcall: 'call', endfilter: 'filter',
  endblock: 'block', endset: 'set', endautoescape: 'autoescape', endtrans: 'trans', endeach: 'for',
};

const ident = (s: string) => s.split(/[\s,()]+/).map((x) => x.replace(/=.*$/, '').trim()).filter((x) => /^[A-Za-z_]\w*$/.test(x));

/**
 * Handles one statement whose inner text (whitespace control trimmed) is `stmt`, starting at `at` in the text,
 * for markup [start, end). `st.scopes[0]` is the file scope (never popped). Returns the index scanning resumes at (after `{% endraw %}` for raw blocks), or `end`.
 */
export function jinjaStatement(st: ScanState, start: number, end: number, stmt: string, at: number): number {
  const kw = /^\w+/.exec(stmt)?.[0] ?? '';
  const rest = stmt.slice(kw.length);
  const restAt = at + kw.length;
  const cond = (e: string, eAt: number) => emitRoots(st, start, end, eAt, e, 'jinja', { kind: 'condition', whole: 'block', firstCoversWhole: true });
  switch (kw) {
    case 'for': {
      const m = /^\s+(.+?)\s+in\s+([\s\S]+?)(\s+if\s+[\s\S]+?)?(\s+recursive)?\s*$/.exec(rest);
      if (!m) { mark(st, 'block', start, end, stmt); break; }
      const iterAt = restAt + rest.indexOf(m[2], m[1].length);
      emitRoots(st, start, end, iterAt, m[2], 'jinja', { kind: 'iterable', whole: 'block', firstCoversWhole: true });
      st.scopes.push({ tag: 'for', loop: true, itemScope: false, locals: new Set([...ident(m[1]), 'loop']) });
      if (m[3]) emitRoots(st, start, end, iterAt + m[2].length, m[3], 'jinja', { kind: 'condition', whole: 'block', firstCoversWhole: false });
      break;
    }
    case 'if':
      cond(rest, restAt);
      st.scopes.push({ tag: 'if', loop: false, itemScope: false, locals: new Set() });
      break;
    case 'elif':
      cond(rest, restAt);
      break;
    case 'set': {
      const m = /^\s*([\w\s,]+?)\s*=\s*([\s\S]*)$/.exec(rest);
      const scope = st.scopes[st.scopes.length - 1];
      if (m) emitRoots(st, start, end, restAt + rest.length - m[2].length, m[2], 'jinja', { kind: 'variable', whole: 'block', firstCoversWhole: true });
      else {
        mark(st, 'block', start, end, stmt);
        st.scopes.push({ tag: 'set', loop: false, itemScope: false, locals: new Set() });
      }
      for (const n of ident(m ? m[1] : rest)) scope.locals.add(n);
      break;
    }
    case 'with': {
      const locals = new Set<string>();
      for (const m of rest.matchAll(/([A-Za-z_]\w*)\s*=(?!=)/g)) locals.add(m[1]);
      emitRoots(st, start, end, restAt, rest.replace(/([A-Za-z_]\w*)\s*=(?!=)/g, (s) => ' '.repeat(s.length)), 'jinja', { kind: 'variable', whole: 'block', firstCoversWhole: true });
      st.scopes.push({ tag: 'with', loop: false, itemScope: false, locals });
      break;
    }
    case 'macro': {
      const m = /^\s*(\w+)\s*\(([^)]*)\)/.exec(rest);
      mark(st, 'block', start, end, stmt);
      if (m) st.scopes[0].locals.add(m[1]);
      st.scopes.push({ tag: 'macro', loop: false, itemScope: false, locals: new Set(m ? ident(m[2]) : []) });
      break;
    }
    case 'call': case 'filter': case 'block': case 'autoescape': case 'trans':
      mark(st, 'block', start, end, stmt);
      st.scopes.push({ tag: kw, loop: false, itemScope: false, locals: new Set(kw === 'call' ? ['caller'] : []) });
      break;
    case 'include': case 'extends': case 'import': case 'from': {
      const file = /["']([^"']+)["']/.exec(rest)?.[1] ?? rest.trim();
      const name = file.replace(/^.*\//, '').replace(/\.\w+$/, '') || file;
      if (kw === 'include' || kw === 'extends') push(st, { kind: 'partial', name, path: file, expression: stmt, start, end, bounded: false });
      else {
        mark(st, 'block', start, end, stmt);
        const alias = /\bas\s+(\w+)|import\s+([\w\s,]+)$/.exec(rest);
        const names = alias ? ident(alias[1] ?? alias[2]) : [];
        for (const n of names) st.scopes[0].locals.add(n);
      }
      break;
    }
    case 'raw': {
      mark(st, 'block', start, end, stmt);
      const re = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
      re.lastIndex = end;
      const m = re.exec(st.text);
      if (!m) return st.text.length;
      mark(st, 'block', m.index, m.index + m[0].length, 'endraw');
      return m.index + m[0].length;
    }
    default:
      mark(st, 'block', start, end, stmt);
      if (CLOSERS[kw]) popScope(st, CLOSERS[kw]);
  }
  return end;
}
