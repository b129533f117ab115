/**
 * `strata REF` against the real distribution registry (issue 3): the same figures as the archive,
 * tags, digests, platforms, basic auth, and a layer cache that makes a second pull read no bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@strata/analysis';
import {
  buildCachedImage,
  recipeDir,
  diveFixture,
  seedImage,
  seedIndex,
  startRegistry,
  tamperBlob,
  type RunningRegistry,
} from '@strata/testkit';
import { runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-cli-registry-'));
const started: RunningRegistry[] = [];
let open: RunningRegistry;
let digest: string;

beforeAll(async () => {
  open = await startRegistry();
  started.push(open);
  digest = await seedImage(open, `docker-archive:${diveFixture('test-docker-image.tar')}`, 'dive/app:1');
  await seedIndex(
    open,
    [
      `docker-archive:${diveFixture('test-docker-image.tar')}`,
      `oci-archive:${diveFixture('test-oci-uncompressed-image.tar')}`,
    ],
    'multi/app:v1',
  );
}, 300_000);

afterAll(async () => {
  await Promise.all(started.map((r) => r.stop()));
  rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
function report(args: string[], input?: string): { report: Report; stderr: string; status: number | null } {
  const out = join(tmp, `r-${n++}.json`);
  const r = runCli([...args, '--report', out], undefined, input);
  if (r.status !== 0) return { report: undefined as unknown as Report, stderr: r.stderr, status: r.status };
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, stderr: r.stderr, status: r.status };
}

/** What must not depend on where the image came from. */
const figures = (r: Report) => ({
  image: { ...r.image, source: '', digest: '', names: [], compressedSizeBytes: 0 },
  layers: r.layers.map((l) => [l.sizeBytes, l.diffId, l.command, l.added, l.modified, l.removed]),
  inefficientFiles: r.inefficientFiles,
});

describe('strata REF', () => {
  it('gives the same figures from the registry as from the archive, with progress on stderr', () => {
    const archive = report([diveFixture('test-docker-image.tar'), '-q']).report;
    const pulled = report([`${open.host}/dive/app:1`]);
    expect(pulled.status).toBe(0);
    expect(figures(pulled.report)).toEqual(figures(archive));
    expect(pulled.report.image.source).toBe(`${open.host}/dive/app:1`);
    expect(pulled.report.image.digest).toBe(digest);
    expect(pulled.stderr).toContain('reading layers: 14/14 done');
  });

  it.skipIf(process.getuid?.() !== 0)(
    'a buildah-built multi-layer image, pushed with zstd layers, reads as its archive does',
    async () => {
      const archive = await buildCachedImage(recipeDir('multi-layer'), { format: 'oci-archive' });
      await seedImage(open, `oci-archive:${archive}`, 'built/multi:1', { zstd: true });
      const local = report([archive, '-q']).report;
      const pulled = report([`${open.host}/built/multi:1`, '-q']).report;
      expect(pulled.layers.map((l) => l.mediaType)).toEqual(
        Array(7).fill('application/vnd.oci.image.layer.v1.tar+zstd'),
      );
      const same = (r: Report) => ({ ...figures(r), image: { ...figures(r).image, configDigest: '' } });
      expect(same(pulled)).toEqual(same(local));
    },
  );

  it('pulls by digest, with docker:// too', () => {
    const pulled = report([`docker://${open.host}/dive/app@${digest}`, '-q']);
    expect(pulled.status).toBe(0);
    expect(pulled.report.image).toMatchObject({ digest, efficiency: 0.9844212134184309, wastedBytes: 32025 });
  });

  it('chooses a platform of an index', () => {
    expect(report([`${open.host}/multi/app:v1`, '-q']).report.image).toMatchObject({
      platform: 'linux/amd64',
      layerCount: 14,
    });
    const arm = report([`${open.host}/multi/app:v1`, '-q', '--platform', 'linux/arm64']).report;
    expect(arm.image).toMatchObject({ platform: 'linux/arm64', layerCount: 1, sizeBytes: 11189 });
    const none = runCli([`${open.host}/multi/app:v1`, '-q', '--platform', 'linux/s390x']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no image for platform linux\/s390x .* available: .*linux\/amd64/);
  });

  it('says clearly what is not there', () => {
    const r = runCli([`${open.host}/dive/app:nope`, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not found.*\[NOT_FOUND\]/);
  });

  it('logs in with --username and --password-stdin', async () => {
    const basic = await startRegistry({ mode: 'basic' });
    started.push(basic);
    const { username, password } = basic.credentials as { username: string; password: string };
    await seedImage(basic, `docker-archive:${diveFixture('test-docker-image.tar')}`, 'private/app:1');
    const anonymous = runCli([`${basic.host}/private/app:1`, '-q']);
    expect(anonymous.status).toBe(2);
    expect(anonymous.stderr).toContain('UNAUTHORIZED');
    const wrong = runCli(
      [`${basic.host}/private/app:1`, '-q', '--username', username, '--password-stdin'],
      undefined,
      'nope\n',
    );
    expect(wrong.stderr).not.toContain('nope');
    expect(wrong.status).toBe(2);
    const right = report(
      [`${basic.host}/private/app:1`, '-q', '--username', username, '--password-stdin'],
      `${password}\n`,
    );
    expect(right.status).toBe(0);
    expect(right.report.image.wastedBytes).toBe(32025);
  });

  it('with --cache, a second pull reads no layer bytes', async () => {
    const cache = join(tmp, 'cache');
    const first = report([`${open.host}/dive/app:1`, '-q', '--cache', cache]).report;
    // Corrupt every layer blob in the registry: any byte transferred now would fail its digest check.
    for (const layer of first.layers) await tamperBlob(open, layer.digest);
    const second = report([`${open.host}/dive/app:1`, '-q', '--cache', cache]);
    expect(second.status).toBe(0);
    expect(second.report).toEqual(first);
    const uncached = runCli([`${open.host}/dive/app:1`, '-q']);
    expect(uncached.status).toBe(2);
    expect(uncached.stderr).toMatch(/layer sha256:[a-f0-9]{64}.*(DIGEST_MISMATCH|CORRUPT)/);
  });
});
