/**
 * Issue 10's hostile archives through the library: each ends with its typed error and a message
 * that says what is wrong (no JS internals), at the default limits. The same catalogue runs
 * through the CLI (apps/cli) and the server (apps/server).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPath, type ImageInput, type LayerIndex } from '@strata/analysis';
import { HOSTILE_CASES, dockerArchive, smallLayer, writeHostileCase } from '@strata/testkit';
import { openArchive } from './archive/open-archive.js';
import { StrataError } from './errors.js';
import { decodeLayer } from './layer/decode-layer.js';
import { loadImageInput } from './load-image.js';

let dir: string;
let scratch: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-hostile-'));
  scratch = await mkdtemp(join(tmpdir(), 'strata-hostile-tmp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

async function read(path: string): Promise<unknown> {
  const image = await openArchive(path, { tmpDir: scratch });
  try {
    return await loadImageInput(image, { decoder: decodeLayer });
  } finally {
    await image.close();
  }
}

describe('hostile archives', () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const path = await writeHostileCase(dir, c);
    const err = await read(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    await rm(path);
    expect(err).toBeInstanceOf(StrataError);
    const { code, message } = err as StrataError;
    const words =
      typeof c.message === 'string' ? expect.stringContaining(c.message) : expect.stringMatching(c.message);
    expect({ code, message }).toMatchObject({ code: c.code, message: words });
    expect(message).not.toMatch(/TypeError|RangeError|is not a function|undefined|\n/);
    expect(await readdir(scratch)).toEqual([]); // inflated temp files are gone
  });

  it('the builder writes valid archives when not hostile', async () => {
    const path = join(dir, 'good.tar');
    await writeFile(path, dockerArchive({ layers: [{ name: 'l0/layer.tar', data: smallLayer() }] }));
    const input = (await read(path)) as ImageInput;
    const layer = input.layers[0] as LayerIndex;
    expect(Array.from({ length: layer.entryCount }, (_, e) => entryPath(layer, e))).toEqual(['hello.txt']);
  });
});
