/** The file API (`GET /api/analyses/:id/files`): URLs, a bounded preview, ranges for ELF headers. */
export const PREVIEW_BYTES = 1024 * 1024;

export function fileUrl(id: string, path: string, layer: number, download = false): string {
  const q = new URLSearchParams({ path, layer: String(layer) });
  if (download) q.set('download', '1');
  return `/api/analyses/${encodeURIComponent(id)}/files?${q.toString()}`;
}

export interface Preview {
  bytes: Uint8Array;
  /** The whole file's size (Content-Range's total, else the bytes). */
  size: number;
  contentType: string;
  /** The layer and path that hold the bytes (after links). */
  layer: number;
  resolvedPath: string;
}

export class FileFetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function fetchRange(
  url: string,
  start: number,
  length: number,
  signal?: AbortSignal,
): Promise<Preview> {
  const res = await fetch(url, { headers: { range: `bytes=${start}-${start + length - 1}` }, signal });
  if (res.status === 416)
    return { bytes: new Uint8Array(0), size: 0, contentType: '', layer: 0, resolvedPath: '' };
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new FileFetchError(body?.error?.message ?? `the server answered ${res.status}`, res.status);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1];
  return {
    bytes,
    size: total ? Number(total) : bytes.length,
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    layer: Number(res.headers.get('x-strata-layer') ?? 0),
    resolvedPath: decodeURI(res.headers.get('x-strata-path') ?? ''),
  };
}
