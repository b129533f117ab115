/**
 * Pretty-printed JSON cut into text and digests, so each digest in a manifest, config or index
 * can be shown as a link (to its layer, or to the config document).
 */
export type JsonPiece = { kind: 'text'; text: string } | { kind: 'digest'; text: string };

const DIGEST = /sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}/g;

export function jsonPieces(value: unknown): JsonPiece[] {
  const text = JSON.stringify(value, null, 2) ?? '';
  const out: JsonPiece[] = [];
  let at = 0;
  for (const m of text.matchAll(DIGEST)) {
    const i = m.index;
    if (i > at) out.push({ kind: 'text', text: text.slice(at, i) });
    out.push({ kind: 'digest', text: m[0] });
    at = i + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
