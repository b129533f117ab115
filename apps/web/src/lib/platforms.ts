/**
 * Platforms named in a server message (e.g. "no linux/s390x; the index has linux/amd64,
 * linux/arm64/v8"), to fill the platform picker after a multi-platform reference.
 */
const PLATFORM =
  /\b([a-z0-9]+\/(?:amd64|arm64|arm|386|ppc64le|s390x|riscv64|mips64le|mips64|loong64|wasm|[a-z0-9_]+)(?:\/v[0-9]+)?)\b/g;

export function platformsIn(message: string): string[] {
  const found = new Set<string>();
  for (const m of message.matchAll(PLATFORM)) {
    const p = m[1] as string;
    // "os/arch" only: skip path-like words such as a/b in a reference.
    if (/^(linux|windows|darwin|freebsd|wasip1|js)\//.test(p)) found.add(p);
  }
  return [...found];
}
