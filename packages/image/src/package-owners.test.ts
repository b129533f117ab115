/**
 * The model's owner column on a real buildah image (packages/testkit/recipes/content-debian:
 * Debian minbase, a package installed then upgraded, adduser purged), checked against Debian's
 * own dpkg-query -L over the final image's database, which GNU tar extracts from the layers
 * (testkit dpkg-db.ts, whiteouts applied as a runtime does): nothing of Strata's reads it.
 */
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeImage, packModel, unpackModel, type CompactModel } from '@strata/analysis';
import { buildCachedImage, finalDpkg, layerEntryBytes, recipeDir } from '@strata/testkit';
import { openArchive } from './archive/open-archive.js';
import { loadImageInput } from './load-image.js';

const isRoot = process.getuid?.() === 0;

async function contentDebianModel(): Promise<{ archive: string; model: CompactModel }> {
  process.env.STRATA_RECIPES_DIR = join(recipeDir('content-debian'), '..');
  const archive = await buildCachedImage(recipeDir('content-debian'), {
    format: 'oci-archive',
    compress: 'gzip',
  });
  const image = await openArchive(archive);
  try {
    const input = await loadImageInput(image);
    return { archive, model: unpackModel(packModel(analyzeImage(input, image.source))) };
  } finally {
    await image.close();
  }
}

describe.skipIf(!isRoot)('the owner column on a real Debian image', () => {
  it(
    'every path dpkg-query -L lists for one package alone is that package’s; shared folders no one’s',
    { timeout: 900_000 },
    async () => {
      const { archive, model } = await contentDebianModel();
      const { lists, versions, present } = finalDpkg(archive, model.layers.length);
      expect(lists.size).toBeGreaterThan(80);
      const listers = new Map<string, string[]>();
      for (const [name, paths] of lists)
        for (const p of paths) listers.set(p, [...(listers.get(p) ?? []), name]);
      const parents = new Set([...listers.keys()].map((p) => posix.dirname(p)));

      const table = model.packages ?? [];
      const ownerOf = (node: number) => table[(model.owner?.[node] ?? 0) - 1];
      const wrong: string[] = [];
      let owned = 0;
      model.paths.forEach((path, node) => {
        const by = listers.get(path) ?? [];
        const pkg = ownerOf(node);
        const ours = pkg && pkg.goneAt === undefined ? `${pkg.name} ${pkg.version}` : undefined;
        // A version that is gone owns only what the final image no longer has.
        if (pkg?.goneAt !== undefined && present.has(path))
          wrong.push(`${path}: ${pkg.name}, gone, but present`);
        if (by.length > 1 && !parents.has(path)) return; // a file two packages list: either is right
        const expected = by.length === 1 ? `${by[0]} ${versions.get(by[0] as string)}` : undefined;
        if (ours !== expected) wrong.push(`${path}: ${ours} (dpkg-query: ${by.join(', ') || 'none'})`);
        if (ours) owned++;
      });
      expect(wrong).toEqual([]);
      expect(owned).toBeGreaterThan(3000);
      // The table's final versions are the installed ones, once each.
      expect(
        table
          .filter((p) => p.goneAt === undefined)
          .map((p) => p.name)
          .sort(),
      ).toEqual([...lists.keys()].sort());

      // adduser, purged by layer 3: its files (as layer 0's info/adduser.list names them, read by
      // GNU tar) keep it as their owner, marked gone at layer 3.
      const list = (layerEntryBytes(archive, 0, 'var/lib/dpkg/info/adduser.list') as Buffer)
        .toString()
        .split('\n');
      const files = list.filter(
        (p) => p.startsWith('/') && p !== '/.' && !list.some((q) => q.startsWith(`${p}/`)),
      );
      expect(files).toContain('/usr/sbin/adduser');
      for (const p of files) {
        const pkg = ownerOf(model.paths.indexOf(p));
        expect([p, pkg?.name, pkg?.goneAt]).toEqual([p, 'adduser', 3]);
      }
      // strata-demo 1.0 → 2.0: the final version owns both files.
      for (const p of ['/opt/strata-demo/blob', '/opt/strata-demo/extra'])
        expect(ownerOf(model.paths.indexOf(p))).toMatchObject({
          name: 'strata-demo',
          version: '2.0',
          layer: 2,
        });
    },
  );
});
