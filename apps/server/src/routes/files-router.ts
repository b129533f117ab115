/**
 * `GET /api/analyses/:id/files?path=P[&layer=N][&download=1]`: a file's bytes as layer N (default:
 * the last) shows it, links followed inside the image. A sniffed Content-Type (never markup),
 * Content-Length, single byte ranges; served with a sandbox CSP and nosniff since the bytes are
 * untrusted. The file is sent only on this explicit request (a secret's value is in it).
 */
import { Router, type Response } from 'express';
import { StrataError } from '@strata/image';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { parseRange } from '../http/byte-range.js';
import { sniffContentType } from '../http/sniff.js';
import { parseAnalysisId } from '../store/analysis-id.js';

const FileQuery = z.object({
  path: z
    .string()
    .min(1)
    .max(64 * 1024),
  layer: z
    .string()
    .regex(/^\d{1,6}$/, 'a layer index')
    .transform(Number)
    .optional(),
  download: z.enum(['0', '1', 'true', 'false']).optional(),
});

const SNIFF_BYTES = 512;

export function filesRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:id/files', async (req, res) => {
    const id = parseAnalysisId(req.params.id);
    const query = FileQuery.parse(req.query);
    const files = deps.files;
    if (!deps.store.list().some((a) => a.id === id)) throw new ApiError('NOT_FOUND', `no analysis ${id}`);
    if (!files?.has(id)) throw new ApiError('NOT_FOUND', `the files of analysis ${id} were not kept`);
    const file = await files.openFile(id, query.path, query.layer).catch((err: unknown) => {
      if (err instanceof StrataError && err.code === 'UNSUPPORTED')
        throw new ApiError('BAD_REQUEST', err.message);
      throw err;
    });
    const download = query.download === '1' || query.download === 'true';
    const range = parseRange(req.headers.range, file.info.size);
    // A range after the start is read from the checkpoint before it, not from the file's start.
    const from = range.kind === 'partial' ? range.start : 0;
    const headData = from > 0 ? file.read(0, Math.min(SNIFF_BYTES, file.info.size)) : file.data;
    const head = await readHead(headData, Math.min(SNIFF_BYTES, file.info.size));
    if (from > 0) await headData.return(undefined);
    const name = file.path.slice(file.path.lastIndexOf('/') + 1) || 'file';
    res.set({
      'Content-Type': sniffContentType(head.bytes),
      'Accept-Ranges': 'bytes',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
      'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`,
      'X-Strata-Layer': String(file.layer),
      'X-Strata-Path': encodeURI(`/${file.path}`),
    });
    if (range.kind === 'unsatisfiable') {
      await file.data.return(undefined);
      res.status(416).set('Content-Range', `bytes */${file.info.size}`).end();
      return;
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, file.info.size - 1];
    if (range.kind === 'partial')
      res.status(206).set('Content-Range', `bytes ${start}-${end}/${file.info.size}`);
    res.set('Content-Length', String(end - start + 1));
    if (from > 0) {
      await file.data.return(undefined);
      await send(res, [], file.read(start, end + 1 - start), 0, end + 1 - start);
    } else await send(res, head.chunks, file.data, start, end + 1);
  });
  return router;
}

/** The first `n` bytes, and the chunks read to get them (sent afterwards). */
async function readHead(
  data: AsyncGenerator<Buffer>,
  n: number,
): Promise<{ bytes: Buffer; chunks: Buffer[] }> {
  const chunks: Buffer[] = [];
  let have = 0;
  while (have < n) {
    const next = await data.next();
    if (next.done) break;
    chunks.push(next.value);
    have += next.value.length;
  }
  return { bytes: Buffer.concat(chunks).subarray(0, n), chunks };
}

/** Bytes [start, end) of the file: the chunks already read, then the rest of the stream. */
async function send(
  res: Response,
  first: Buffer[],
  rest: AsyncGenerator<Buffer>,
  start: number,
  end: number,
): Promise<void> {
  let at = 0;
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  const write = async (chunk: Buffer): Promise<boolean> => {
    const from = Math.max(start - at, 0);
    const to = Math.min(end - at, chunk.length);
    at += chunk.length;
    if (to > from && !res.write(chunk.subarray(from, to)))
      await Promise.race([new Promise((r) => res.once('drain', r)), closed]);
    return at < end && !res.destroyed;
  };
  try {
    let more = true;
    for (const chunk of first) if (more) more = await write(chunk);
    while (more) {
      const next = await rest.next();
      if (next.done) break;
      more = await write(next.value);
    }
  } finally {
    await rest.return(undefined);
  }
  res.end();
}
