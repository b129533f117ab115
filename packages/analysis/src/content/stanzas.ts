/**
 * The deb822 / RFC 822-like control format dpkg's status file and Python's METADATA share:
 * `Field: value` lines, continuation lines starting with a space or tab, stanzas separated by
 * blank lines (Debian Policy 5.1 "Syntax of control files").
 */
export type Stanza = Map<string, string>;

/** Every stanza of a document; field names keep their case, the first occurrence wins. */
export function parseStanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza | undefined;
  let field = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (current && field) current.set(field, `${current.get(field) ?? ''}\n${line.trimStart()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (!current) {
      current = new Map();
      stanzas.push(current);
    }
    field = line.slice(0, colon);
    if (!current.has(field)) current.set(field, line.slice(colon + 1).trim());
    else field = '';
  }
  return stanzas;
}

/** The header fields of a single-stanza document (METADATA: its body after the blank line is the description). */
export function parseHeaders(text: string): Stanza {
  const end = text.search(/\r?\n\r?\n/);
  return parseStanzas(end < 0 ? text : text.slice(0, end)).at(0) ?? new Map();
}
