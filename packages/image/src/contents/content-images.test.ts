/**
 * The content analyzers on real buildah images (packages/testkit/recipes/content-*), gzip OCI
 * layers. dpkg: every layer's packages equal what Debian's dpkg-query reports for that layer's
 * extracted database, each with the layer that made its version appear. Secrets: three findings
 * at their layers, none for the CA bundle, the values in no output.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adviseImage,
  analyzeImage,
  imagePackages,
  imageSecrets,
  stackLayers,
  toDiveExport,
  type Analysis,
  type ContentFinding,
  type ImageInput,
} from '@strata/analysis';
import { buildCachedImage, layerEntryBytes, recipeDir, type RecipeName } from '@strata/testkit';
import { openArchive } from '../archive/open-archive.js';
import type { Layer } from '../image.js';
import { loadImageInput } from '../load-image.js';

const isRoot = process.getuid?.() === 0;

interface Built {
  archive: string;
  layers: Layer[];
  input: ImageInput;
  analysis: Analysis;
  findings: ContentFinding[][];
}

async function build(recipe: RecipeName): Promise<Built> {
  process.env.STRATA_RECIPES_DIR = join(recipeDir(recipe), '..');
  const archive = await buildCachedImage(recipeDir(recipe), { format: 'oci-archive', compress: 'gzip' });
  const image = await openArchive(archive);
  try {
    // The analyzers run in the decode pass: the findings come with each layer's index.
    const input = await loadImageInput(image);
    const layers = await image.layers();
    const analysis = analyzeImage(input, image.source);
    return { archive, layers, input, analysis, findings: analysis.findings ?? [] };
  } finally {
    await image.close();
  }
}

const tarEntry = (b: Built, index: number, entry: string): Buffer | undefined =>
  layerEntryBytes(b.archive, index, entry);

/** Debian's dpkg-query over a database directory holding this status file. */
function dpkgQuery(status: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'strata-dpkg-'));
  try {
    mkdirSync(join(dir, 'updates'));
    mkdirSync(join(dir, 'info'));
    writeFileSync(join(dir, 'status'), status);
    const out = execFileSync(
      'dpkg-query',
      [`--admindir=${dir}`, '-W', '-f', '${db:Status-Status} ${Package} ${Version}\n'],
      { encoding: 'utf8' },
    );
    return out
      .split('\n')
      .filter((l) => l.startsWith('installed '))
      .map((l) => l.slice('installed '.length))
      .sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!isRoot)('content analyzers on real images', () => {
  it(
    'dpkg: packages and versions equal dpkg-query on each layer’s database, each with its layer',
    { timeout: 900_000 },
    async () => {
      const b = await build('content-debian');
      const all = imagePackages(b.findings, b.analysis.stack);
      // The final image's database is the one the last layer that wrote it holds.
      let statusLayer = -1;
      let status: Buffer | undefined;
      for (let i = b.layers.length - 1; i >= 0 && !status; i--) {
        status = tarEntry(b, i, 'var/lib/dpkg/status');
        statusLayer = i;
      }
      expect(statusLayer).toBe(3);
      const expected = dpkgQuery(status as Buffer);
      expect(expected.length).toBeGreaterThan(80);
      expect(
        all.packages
          .filter((p) => p.manager === 'dpkg')
          .map((p) => `${p.name} ${p.version}`)
          .sort(),
      ).toEqual(expected);

      // Each version appeared where the image's history says: minbase at 0, strata-demo 2.0 at 2.
      const layerOf = new Map(all.packages.map((p) => [p.name, p.layer]));
      expect(layerOf.get('strata-demo')).toBe(2);
      expect([...layerOf.entries()].filter(([n]) => n !== 'strata-demo').every(([, l]) => l === 0)).toBe(
        true,
      );
      // Layer by layer, against dpkg-query on that layer's own database.
      for (let i = 0; i < b.layers.length; i++) {
        const own = tarEntry(b, i, 'var/lib/dpkg/status');
        if (!own) continue;
        const upTo = imagePackages(
          b.findings.slice(0, i + 1),
          stackLayers(b.input.layers.slice(0, i + 1)).stack,
        );
        expect(upTo.packages.map((p) => `${p.name} ${p.version}`).sort(), `layer ${i}`).toEqual(
          dpkgQuery(own),
        );
      }
      const [, l1, l2, l3] = all.layers;
      // The bytes each layer wrote for the package: its files' sizes, as GNU tar extracts them.
      const size = (layer: number, entry: string): number => (tarEntry(b, layer, entry) as Buffer).length;
      expect(l1?.added).toEqual([
        { manager: 'dpkg', name: 'strata-demo', version: '1.0', bytes: size(1, 'opt/strata-demo/blob') },
      ]);
      expect(l2?.upgraded).toEqual([
        {
          manager: 'dpkg',
          name: 'strata-demo',
          version: '2.0',
          from: '1.0',
          bytes: size(2, 'opt/strata-demo/blob') + size(2, 'opt/strata-demo/extra'),
        },
      ]);
      expect(l3?.removed.map((p) => p.name)).toEqual(['adduser']);
      expect(l3?.removed[0]?.bytes).toBeGreaterThan(0);
      expect(all.owners.get('/opt/strata-demo/blob')).toBe('dpkg:strata-demo');
      expect(all.owners.get('/usr/bin/dpkg')).toBe('dpkg:dpkg');
    },
  );

  it(
    'secrets: three findings at their layers, the CA bundle none, values in no output',
    { timeout: 900_000 },
    async () => {
      const b = await build('content-secrets');
      const found = imageSecrets(b.findings, b.analysis.stack);
      expect(found.map((f) => [f.path, f.layer, f.secret, f.endedBy?.layer])).toEqual([
        ['/opt/notes.txt', 2, 'private-key', undefined],
        ['/etc/app/config.yaml', 3, 'github-token', undefined],
        ['/root/setup.sh', 4, 'aws-access-key-id', 5],
      ]);
      expect(b.findings[6]).toEqual([
        { kind: 'certificates', path: '/etc/ssl/certs/ca-certificates.crt', count: expect.any(Number) },
      ]);
      const advice = adviseImage(b.analysis);
      const secrets = advice.filter((f) => f.rule === 'secrets');
      expect(secrets).toHaveLength(1);
      expect(secrets[0]?.files.map((f) => f.path)).toEqual([
        '/opt/notes.txt',
        '/etc/app/config.yaml',
        '/root/setup.sh',
      ]);
      expect(secrets[0]?.severity).toBe('high');

      // The values, read back from the layers by GNU tar, appear in no output.
      const values = [
        (tarEntry(b, 2, 'opt/notes.txt') as Buffer).toString().split('\n')[2] as string,
        /ghp_\w+/.exec((tarEntry(b, 3, 'etc/app/config.yaml') as Buffer).toString())?.[0] as string,
        /AKIA\w+/.exec((tarEntry(b, 4, 'root/setup.sh') as Buffer).toString())?.[0] as string,
      ];
      const outputs = JSON.stringify([
        found,
        b.findings,
        advice,
        b.analysis.report,
        toDiveExport(b.analysis),
      ]);
      for (const v of values) {
        expect(v.length).toBeGreaterThan(15);
        expect(outputs).not.toContain(v);
      }
    },
  );
});
