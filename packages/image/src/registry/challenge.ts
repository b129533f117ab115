/**
 * `WWW-Authenticate` parsing (RFC 7235 section 4.1). A registry answers 401 with
 * `Bearer realm="…",service="…",scope="…"` (distribution token auth spec) or `Basic realm="…"`.
 * Several challenges may share one header, and quoted values may contain commas
 * (`scope="repository:a:pull,push"`).
 */

export interface Challenge {
  /** Lowercased scheme: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names lowercased, values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const PARAM = /([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*=[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))/y;
const SEPARATORS = /[\s,]*/y;

export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const headers = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return headers.flatMap(parseHeader);
}

function parseHeader(text: string): Challenge[] {
  const challenges: Challenge[] = [];
  let pos = skip(text, 0);
  while (pos < text.length) {
    PARAM.lastIndex = pos;
    const param = PARAM.exec(text);
    const current = challenges[challenges.length - 1];
    if (param && current) {
      const [, name = '', quoted, bare] = param;
      current.params[name.toLowerCase()] =
        quoted === undefined ? (bare ?? '') : quoted.replace(/\\(.)/g, '$1');
      pos = skip(text, PARAM.lastIndex);
      continue;
    }
    TOKEN.lastIndex = pos;
    const scheme = TOKEN.exec(text);
    if (!scheme) break; // garbage: keep what we understood
    challenges.push({ scheme: scheme[0].toLowerCase(), params: {} });
    pos = skip(text, TOKEN.lastIndex);
  }
  return challenges;
}

function skip(text: string, pos: number): number {
  SEPARATORS.lastIndex = pos;
  SEPARATORS.exec(text);
  return SEPARATORS.lastIndex;
}
