import { stat } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCachedImage } from './build.js';
import { run } from './exec.js';
import { recipeDir } from './recipes.js';

// buildah needs root here (no subuid setup); CI and the README's commands run as root.
const isRoot = process.getuid?.() === 0;

interface Config {
  history: { created_by?: string; empty_layer?: boolean }[];
  rootfs: { diff_ids: string[] };
}

async function inspect(ref: string): Promise<{ layers: string[]; config: Config }> {
  const info = JSON.parse(await run('skopeo', ['inspect', ref])) as { Layers: string[] };
  const config = JSON.parse(await run('skopeo', ['inspect', '--config', ref])) as Config;
  return { layers: info.Layers, config };
}

/** `tar -tv` of one layer inside a docker-archive (layers are top-level `<diffid>.tar` there). */
async function layerListing(archive: string, diffId: string): Promise<string> {
  const member = `${diffId.replace('sha256:', '')}.tar`;
  return run('bash', ['-c', 'tar -xOf "$1" "$2" | tar -tv', '_', archive, member]);
}

describe.skipIf(!isRoot)('buildCachedImage(multi-layer)', () => {
  let docker = '';
  beforeAll(async () => {
    docker = await buildCachedImage(recipeDir('multi-layer'), { format: 'docker-archive' });
  });

  it('has 7 layers and 11 history entries, 4 of them empty', async () => {
    const { layers, config } = await inspect(`docker-archive:${docker}`);
    expect(layers).toHaveLength(7);
    expect(config.rootfs.diff_ids).toHaveLength(7);
    expect(config.history).toHaveLength(11);
    const empty = config.history.filter((h) => h.empty_layer).map((h) => h.created_by ?? '');
    expect(empty.map((c) => /#\(nop\) (\w+)/.exec(c)?.[1])).toEqual(['SHELL', 'ENV', 'LABEL', 'CMD']);
  });

  it('is a buildah docker-archive: top-level <diffid>.tar plus <id>/layer.tar symlinks', async () => {
    const names = (await run('tar', ['-tf', docker])).split('\n');
    expect(names).toContain('manifest.json');
    expect(names.filter((n) => /^[0-9a-f]{64}\.tar$/.test(n))).toHaveLength(7);
    const links = await run('bash', ['-c', 'tar -tvf "$1" | grep -c "^l.*/layer.tar -> "', '_', docker]);
    expect(Number(links.trim())).toBe(7);
  });

  it('holds the big file, its whiteout, the chmod, the opaque dir and the COPY --from', async () => {
    const { config } = await inspect(`docker-archive:${docker}`);
    const l = await Promise.all(config.rootfs.diff_ids.map((d) => layerListing(docker, d)));
    expect(l[2]).toMatch(/ 3145728 .* data\/big\.bin$/m);
    expect(l[2]).toMatch(/^h.* data\/tool-hardlink link to data\/tool$/m);
    expect(l[3]).toMatch(/^-rw------- .* data\/hello\.txt$/m);
    expect(l[4]).toMatch(/ data\/\.wh\.big\.bin$/m);
    // Native overlay writes an opaque whiteout; vfs and overlay on overlayfs (naive diff) write
    // one whiteout per deleted file instead. Both are valid, and the analysis must read both.
    const opaque = /etc\/conf\.d\/\.wh\.\.wh\.\.opq$/m.test(l[5]!);
    const perFile = /etc\/conf\.d\/\.wh\.a$/m.test(l[5]!) && /etc\/conf\.d\/\.wh\.b$/m.test(l[5]!);
    expect(opaque || perFile).toBe(true);
    expect(l[5]).toMatch(/ etc\/conf\.d\/c$/m);
    expect(l[6]).toMatch(/ numbers\.txt$/m);
  });

  it('takes the archive from the cache the second time', async () => {
    const before = await stat(docker);
    const again = await buildCachedImage(recipeDir('multi-layer'), { format: 'docker-archive' });
    expect(again).toBe(docker);
    expect((await stat(again)).mtimeMs).toBe(before.mtimeMs);
  });

  it.each([
    ['gzip', 'application/vnd.oci.image.layer.v1.tar+gzip'],
    ['zstd', 'application/vnd.oci.image.layer.v1.tar+zstd'],
  ] as const)('writes an oci-archive with %s layers', async (compress, mediaType) => {
    const oci = await buildCachedImage(recipeDir('multi-layer'), { format: 'oci-archive', compress });
    const raw = JSON.parse(await run('skopeo', ['inspect', '--raw', `oci-archive:${oci}`])) as {
      layers: { mediaType: string }[];
    };
    expect(raw.layers.map((x) => x.mediaType)).toEqual(Array(7).fill(mediaType));
    expect((await inspect(`oci-archive:${oci}`)).config.history).toHaveLength(11);
  });

  it('refuses compression for docker-archive', async () => {
    await expect(
      buildCachedImage(recipeDir('multi-layer'), { format: 'docker-archive', compress: 'gzip' }),
    ).rejects.toThrow(/uncompressed/);
  });
});
