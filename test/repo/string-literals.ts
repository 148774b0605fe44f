// The string literals of a JS/TS source (quotes and template text, `${…}` included), without
// comments: enough of a lexer to tell a written name from a name in prose.
const REGEX_MAY_FOLLOW = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const KEYWORDS_BEFORE_REGEX = /(?:^|[^\w$])(return|typeof|case|do|else|in|of|new|delete|void|throw|await|yield)$/;

export function stringLiterals(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  let last = ''; // the last significant character outside strings and comments
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i += 1;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < n && source[j] !== c) {
        if (source[j] === '\\') {
          text += source.slice(j, j + 2);
          j += 2;
        } else {
          text += source[j];
          j += 1;
        }
      }
      out.push(text);
      i = j + 1;
      last = c;
    } else if (
      c === '/' &&
      (REGEX_MAY_FOLLOW.has(last) || KEYWORDS_BEFORE_REGEX.test(source.slice(Math.max(0, i - 8), i).trimEnd()))
    ) {
      // A regular expression literal: skip it (classes may hold a '/').
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j += 1;
      }
      i = j + 1;
      last = '/';
    } else {
      if (!/\s/.test(c)) last = /[\w$)\].]/.test(c) ? 'x' : c;
      i += 1;
    }
  }
  return out;
}
