/**
 * A small tokenizer for the instruction text of a layer (`RUN apt-get update && …`), enough to
 * make long RUN chains readable: the Dockerfile keyword, strings, variables, flags, operators
 * that split commands (&&, ||, ;, |) and the first word of each command. Not a shell parser.
 */
export type TokenKind =
  'keyword' | 'command' | 'string' | 'variable' | 'flag' | 'operator' | 'comment' | 'text';

export interface Token {
  kind: TokenKind;
  text: string;
}

const PATTERNS: Array<[TokenKind | 'space', RegExp]> = [
  ['space', /^\s+/],
  ['comment', /^#[^\n]*/],
  ['string', /^"(?:[^"\\]|\\.)*"?/],
  ['string', /^'[^']*'?/],
  ['variable', /^\$(?:\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*|[0-9@#?$!*-])/],
  ['operator', /^(?:&&|\|\||;;|[|;&()<>])/],
  ['flag', /^--?[A-Za-z0-9][\w-]*(?:=\S*)?/],
  ['text', /^(?:[^\s"'$|;&()<>\\#]|\\.|\\$|#)+/],
];

export function highlightShell(line: string): Token[] {
  const tokens: Token[] = [];
  let rest = line;
  // The first word is the Dockerfile keyword when it is all capitals (RUN, COPY, …).
  const keyword = /^[A-Z]+(?=\s|$)/.exec(rest);
  if (keyword) {
    tokens.push({ kind: 'keyword', text: keyword[0] });
    rest = rest.slice(keyword[0].length);
  }
  let commandStart = true;
  while (rest.length > 0) {
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      const m = re.exec(rest);
      if (!m || m[0] === '') continue;
      const text = m[0];
      rest = rest.slice(text.length);
      matched = true;
      if (kind === 'space') push(tokens, 'text', text);
      else if (kind === 'operator') {
        push(tokens, 'operator', text);
        commandStart = true;
      } else if (kind === 'text' && commandStart) {
        push(tokens, 'command', text);
        commandStart = false;
      } else {
        push(tokens, kind, text);
        if (kind !== 'comment') commandStart = false;
      }
      break;
    }
    if (!matched) {
      push(tokens, 'text', rest[0] as string);
      rest = rest.slice(1);
    }
  }
  return tokens;
}

/** Adjacent plain text merges, to keep the DOM small for long chains. */
function push(tokens: Token[], kind: TokenKind, text: string): void {
  const last = tokens[tokens.length - 1];
  if (last && last.kind === kind && kind === 'text') last.text += text;
  else tokens.push({ kind, text });
}
