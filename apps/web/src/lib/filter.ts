/**
 * The tree's filter box: a substring, or a regular expression when the regex toggle is on.
 * An invalid regex is reported to the user instead of throwing, so typing `[` mid-edit is fine.
 */
export interface FilterSpec {
  text: string;
  regex: boolean;
}

export type ParsedFilter = { ok: true; filter: string | RegExp | undefined } | { ok: false; error: string };

export function parseFilter(spec: FilterSpec): ParsedFilter {
  const text = spec.text;
  if (text === '') return { ok: true, filter: undefined };
  if (!spec.regex) return { ok: true, filter: text };
  try {
    // No `g` flag: RegExp.test with `g` keeps lastIndex between paths and skips matches.
    return { ok: true, filter: new RegExp(text) };
  } catch (e) {
    return { ok: false, error: `Not a valid regular expression: ${(e as Error).message}` };
  }
}
