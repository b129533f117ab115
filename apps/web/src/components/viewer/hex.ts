/** `hexdump -C` lines: offset, 16 bytes in hex (two groups of eight), the printable ASCII beside them. */
export function hexLines(bytes: Uint8Array, maxLines = 4096): string[] {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length && lines.length < maxLines; at += 16) {
    const row = bytes.subarray(at, at + 16);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      const b = row[i];
      hex += b === undefined ? '   ' : `${b.toString(16).padStart(2, '0')} `;
      if (i === 7) hex += ' ';
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines;
}
