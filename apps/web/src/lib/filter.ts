/**
 * The tree's filter box: a substring, a glob (when the text has `*`, `?` or `[`), or a regular
 * expression when the regex toggle is on; case-insensitive unless "match case" is on. An invalid
 * regex is reported to the user instead of throwing, so typing `[` mid-edit is fine.
 */
export interface FilterSpec {
  text: string;
  regex: boolean;
  /** Case-sensitive matching (default off, as a file search usually is). */
  matchCase?: boolean;
}

export type FilterKind = 'substring' | 'glob' | 'regex';

export type ParsedFilter =
  { ok: true; filter: string | RegExp | undefined; kind?: FilterKind } | { ok: false; error: string };

const GLOB_CHARS = /[*?[]/;

export function filterKind(spec: FilterSpec): FilterKind {
  if (spec.regex) return 'regex';
  return GLOB_CHARS.test(spec.text) ? 'glob' : 'substring';
}

export function parseFilter(spec: FilterSpec): ParsedFilter {
  const text = spec.text;
  if (text === '') return { ok: true, filter: undefined };
  // No `g` flag: RegExp.test with `g` keeps lastIndex between paths and skips matches.
  const flags = spec.matchCase ? '' : 'i';
  const kind = filterKind(spec);
  if (kind === 'substring')
    return { ok: true, kind, filter: spec.matchCase ? text : new RegExp(escapeRegex(text), flags) };
  if (kind === 'glob') return { ok: true, kind, filter: new RegExp(globSource(text), flags) };
  try {
    return { ok: true, kind, filter: new RegExp(text, flags) };
  } catch (e) {
    return { ok: false, error: `Not a valid regular expression: ${(e as Error).message}` };
  }
}

/**
 * A glob as a regex over the absolute path: `**` crosses folders, `*` and `?` stay inside one
 * name, `[...]` is a character class. Anchored at both ends when it starts with `/`; otherwise it
 * matches a path's tail from a folder boundary (`*.deb`, `lib/*.so*`), as .gitignore globs do.
 */
export function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, end);
        out += `[${body.startsWith('!') ? `^${escapeClass(body.slice(1))}` : escapeClass(body)}]`;
        i = end;
      }
    } else out += escapeRegex(c);
  }
  return glob.startsWith('/') ? `^${out}$` : `(?:^|/)${out}$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(body: string): string {
  return body.replace(/[\\\]^]/g, '\\$&');
}
