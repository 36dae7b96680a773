/** Backslash escapes of string literals, per language. */

export type EscapeStyle = 'python' | 'js' | 'go' | 'java' | 'kotlin';

/** Decodes backslash escapes of a string literal's raw contents. Unknown escapes: Python keeps the backslash, others drop it. */
export function decodeEscapes(raw: string, style: EscapeStyle): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const n = raw[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'a': out += style === 'python' || style === 'go' ? '\x07' : 'a'; break;
      case 's': out += style === 'java' ? ' ' : style === 'python' ? '\\s' : 's'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        const m = /^[0-7]{1,3}/.exec(raw.slice(i, i + 3))![0];
        if (style === 'js' && m === '0') out += '\0';
        else out += String.fromCharCode(parseInt(m, 8));
        i += m.length - 1;
        break;
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(raw.slice(i + 1, i + 3));
        if (m) { out += String.fromCharCode(parseInt(m[0], 16)); i += 2; } else out += style === 'python' ? '\\x' : 'x';
        break;
      }
      case 'u': case 'U': {
        const braced = n === 'u' ? /^\{([0-9a-fA-F]{1,6})\}/.exec(raw.slice(i + 1, i + 9)) : null;
        const len = n === 'u' ? 4 : 8;
        const m = braced ?? /^[0-9a-fA-F]+/.exec(raw.slice(i + 1, i + 1 + len));
        const hex = braced ? braced[1] : m && m[0].length === len ? m[0] : null;
        const cp = hex ? parseInt(hex, 16) : NaN;
        if (hex && cp <= 0x10ffff) { out += String.fromCodePoint(cp); i += braced ? braced[0].length : len; } else out += style === 'python' || n === 'U' ? '\\' + n : n;
        break;
      }
      case '\n': break;
      case '\r': if (raw[i + 1] === '\n') i++; break;
      default:
        out += style === 'python' && !'\\\'"'.includes(n) ? '\\' + n : n;
    }
  }
  return out;
}
