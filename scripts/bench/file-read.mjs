// Issue 11's file-read figure for one image: a small read at the END of the image's largest gzip
// layer through the built server's file API (upload, analysis, then GET /api/analyses/:id/files,
// the path the web app's viewer takes), against decoding that whole layer, measured alternately
// in the same run: Node's gunzip of the blob in this process (the same native zlib the server
// uses; the stricter baseline) and `gzip -dc` (for context). What is read: the layer's last
// regular file (by Python's tarfile) when it is small, else the last 4 KiB of it by a Range
// request. The bytes are checked against `gzip -dc | tail -c | head -c` at Python's data offset.
// Also: where the checkpoints are built (the decode pass: the index is on disk when the job is
// done) and what building them costs (our indexing inflate against a plain gunzip of the layer).
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { extractLayers } from './layers.mjs';
import { log, median, run, timed } from './measure.mjs';
import { call, sleep, startServer, stopServer } from './server-harness.mjs';
import { importTs } from './testkit.mjs';

/** The seek index builder (packages/image/src/contents/gzip-index.ts), bundled by esbuild. */
export const loadSeekIndexer = (root) =>
  importTs(root, 'packages/image/src/contents', "export { buildGzipIndex } from './gzip-index.ts';");

const SMALL = 64 * 1024;
const TAIL = 4096;
const gunzipAsync = promisify(gunzip);

/** The largest layer whose blob is gzip (by its magic bytes, not its media type). */
async function largestGzipLayer(layers) {
  const gz = [];
  for (const [index, layer] of layers.entries()) {
    const head = Buffer.alloc(2);
    const fd = await open(layer.path);
    await fd.read(head, 0, 2, 0);
    await fd.close();
    if (head[0] === 0x1f && head[1] === 0x8b)
      gz.push({ index, ...layer, bytes: (await stat(layer.path)).size });
  }
  return gz.sort((a, b) => b.bytes - a.bytes)[0];
}

/** The last regular file with data in the layer's tar, with its data offset, by Python's tarfile (streamed). */
async function lastRegularFile(blob) {
  const script = [
    'import sys,tarfile,json',
    'last=None',
    "t=tarfile.open(fileobj=sys.stdin.buffer,mode='r|')",
    'for m in t:',
    '  if m.isreg() and m.size > 0: last=[m.name,m.offset_data,m.size]',
    'print(json.dumps(last))',
  ].join('\n');
  const out = await run('bash', [
    '-c',
    `set -o pipefail; gzip -dc "$1" | python3 -c "$2"`,
    '_',
    blob,
    script,
  ]);
  const [name, offset, size] = JSON.parse(out);
  return { path: `/${name.replace(/^\.\//, '')}`, offset, size };
}

/** Bytes [offset, offset + length) of the uncompressed tar, by gzip and coreutils. */
async function tarBytes(blob, offset, length) {
  // No pipefail: head stops reading early, and gzip then ends on SIGPIPE; the length is checked.
  const out = await run('bash', [
    '-c',
    `gzip -dc "$1" | tail -c +$(( $2 + 1 )) | head -c $3 | base64 -w0`,
    '_',
    blob,
    String(offset),
    String(length),
  ]);
  const bytes = Buffer.from(out.trim(), 'base64');
  if (bytes.length !== length)
    throw new Error(`the tar has ${bytes.length} bytes at ${offset}, not ${length}`);
  return bytes;
}

/**
 * Node's gunzip of the whole blob, timed inside a child process (startup not counted), so that
 * its gigabyte of garbage is not collected in this process during the next timed read.
 */
const GUNZIP_SCRIPT = `
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
const t = performance.now();
await pipeline(createReadStream(process.argv[1], { highWaterMark: 1 << 20 }), createGunzip({ chunkSize: 256 * 1024 }), new Writable({ write: (_c, _e, cb) => cb() }));
console.log(performance.now() - t);`;
const nodeGunzip = async (blob) => ({
  ms: Number(await run(process.execPath, ['--input-type=module', '-e', GUNZIP_SCRIPT, blob])),
});
const gzipCli = (blob) => timed(() => run('bash', ['-c', 'gzip -dc "$1" > /dev/null', '_', blob]));

async function upload(base, archive) {
  const bytes = (await stat(archive)).size;
  const t0 = performance.now();
  const res = await call(base, 'POST', '/api/analyses?name=bench-file-read.oci.tar', {
    body: createReadStream(archive, { highWaterMark: 256 * 1024 }),
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes) },
    timeoutMs: 900_000,
  });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
  const received = performance.now();
  for (;;) {
    await sleep(100);
    const job = await call(base, 'GET', `/api/jobs/${res.body.jobId}`, { timeoutMs: 120_000 });
    if (job.body?.phase === 'failed') throw new Error(`job failed: ${JSON.stringify(job.body.error)}`);
    if (job.body?.phase === 'done')
      return { id: job.body.analysisId, uploadMs: received - t0, analysisMs: performance.now() - received };
  }
}

/** The seek index the decode pass left for a blob: its size and checkpoint count (header u32 at 4). */
async function seekIndexOnDisk(dataDir, digestHex) {
  const dir = join(dataDir, 'seek-indexes');
  const names = await readdir(dir).catch(() => []);
  if (!names.includes(`${digestHex}.gz`)) return undefined;
  const packed = await readFile(join(dir, `${digestHex}.gz`));
  const head = await gunzipAsync(packed);
  return { bytes: packed.length, checkpoints: head.readUInt32LE(4) };
}

/** One read through the file API, body and all; the bytes compared with the expected ones. */
async function readOnce(base, id, target, expected) {
  const q = `path=${encodeURIComponent(target.path)}&layer=${target.layer}`;
  const headers = target.range ? { range: `bytes=${target.range[0]}-${target.range[1] - 1}` } : {};
  return timed(async () => {
    const res = await fetch(`${base}/api/analyses/${id}/files?${q}`, {
      headers,
      signal: AbortSignal.timeout(120_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== (target.range ? 206 : 200))
      throw new Error(`file API answered ${res.status}: ${body}`);
    if (res.headers.get('x-strata-layer') !== String(target.layer))
      throw new Error(`file API read layer ${res.headers.get('x-strata-layer')}, not ${target.layer}`);
    return { ok: body.equals(expected) };
  });
}

/** Our indexing inflate (the decode pass's) against a plain gunzip, in this process. */
async function buildCost(image, blob, runs) {
  const indexed = [];
  const plain = [];
  let checkpoints = 0;
  for (let i = 0; i < runs; i++) {
    plain.push((await nodeGunzip(blob)).ms);
    const t = await timed(async () => {
      const found = await image.buildGzipIndex(createReadStream(blob, { highWaterMark: 1 << 20 }));
      return { n: found.length };
    });
    indexed.push(t.ms);
    checkpoints = t.n;
  }
  return {
    indexedInflateMs: Math.round(median(indexed)),
    plainGunzipMs: Math.round(median(plain)),
    ratio: median(indexed) / median(plain),
    checkpoints,
  };
}

export async function benchFileRead({ name, archive, serverJs, tmp, runs, image }) {
  const dir = await mkdtemp(join(tmp, `strata-bench-files-${name}-`));
  let server;
  try {
    const layers = await extractLayers(archive, dir);
    const layer = await largestGzipLayer(layers);
    if (!layer) throw new Error(`${name}: no gzip layer`);
    const last = await lastRegularFile(layer.path);
    const range = last.size > SMALL ? [last.size - TAIL, last.size] : undefined;
    const target = { path: last.path, layer: layer.index, size: last.size, range };
    const [from, to] = range ?? [0, last.size];
    const expected = await tarBytes(layer.path, last.offset + from, to - from);
    log(
      `${name}: layer ${layer.index} (${(layer.bytes / 1e6).toFixed(1)} MB gzip), ${target.path} (${last.size} bytes at tar offset ${last.offset})${range ? `, its last ${TAIL} bytes` : ''}`,
    );

    const dataDir = join(dir, 'server-data');
    server = await startServer(serverJs, dataDir, { STRATA_LAYER_CACHE_MAX_BYTES: '0' });
    const analysis = await upload(server.url, archive);
    const digestHex = layer.path.split('/').at(-1);
    const seek = await seekIndexOnDisk(dataDir, digestHex);
    log(
      `${name}: analysed in ${(analysis.analysisMs / 1000).toFixed(1)} s; seek index ${seek ? `${seek.checkpoints} checkpoints, ${seek.bytes} bytes` : 'MISSING'} when the job was done`,
    );

    const first = await readOnce(server.url, analysis.id, target, expected);
    const reads = [first];
    const base = { node: [], gzip: [] };
    for (let i = 0; i < runs; i++) {
      base.node.push(await nodeGunzip(layer.path));
      base.gzip.push(await gzipCli(layer.path));
      reads.push(await readOnce(server.url, analysis.id, target, expected));
      log(
        `${name} run ${i + 1}/${runs}: read ${reads.at(-1).ms.toFixed(1)} ms, node gunzip ${base.node.at(-1).ms.toFixed(0)} ms, gzip -dc ${base.gzip.at(-1).ms.toFixed(0)} ms`,
      );
    }
    const bytesOk = reads.every((r) => r.ok);
    const readMs = median(reads.map((r) => r.ms));
    const nodeMs = median(base.node.map((r) => r.ms));
    const gzipMs = median(base.gzip.map((r) => r.ms));
    const cost = await buildCost(image, layer.path, Math.min(runs, 3));
    return {
      name,
      layer: { index: layer.index, digest: `sha256:${digestHex}`, gzipBytes: layer.bytes },
      target: { path: target.path, size: last.size, tarOffset: last.offset, range: range ?? null },
      analysisMs: Math.round(analysis.analysisMs),
      seekIndex: seek ? { builtIn: 'decode pass', ...seek } : { builtIn: 'missing after the job' },
      buildCost: cost,
      firstReadMs: first.ms,
      readsMs: reads.map((r) => +r.ms.toFixed(2)),
      readMedianMs: readMs,
      bytesOk,
      baseline: {
        nodeGunzipMs: base.node.map((r) => Math.round(r.ms)),
        gzipCliMs: base.gzip.map((r) => Math.round(r.ms)),
        nodeGunzipMedianMs: nodeMs,
        gzipCliMedianMs: gzipMs,
      },
      ratio: bytesOk ? readMs / nodeMs : null,
      ratioVsGzipCli: bytesOk ? readMs / gzipMs : null,
    };
  } catch (err) {
    if (server)
      log(
        `${name}: server ${JSON.stringify(server.exited)}, its stderr: ${server.stderr.slice(-8).join('\n')}`,
      );
    throw err;
  } finally {
    await stopServer(server);
    await rm(dir, { recursive: true, force: true });
  }
}
