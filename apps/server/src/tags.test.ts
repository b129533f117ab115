/** `GET /api/tags`: a repository's tags from the real registry, for the shared-layers view. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TagsResponseSchema } from '@strata/contract';
import {
  sampleBundleSpecs,
  seedImage,
  startRegistry,
  writeImageBundle,
  type RunningRegistry,
} from '@strata/testkit';
import type { RunningServer } from './server.js';
import { startTestServer, tempDataDir } from './test-support/harness.js';

let registry: RunningRegistry;
let server: RunningServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;
const tmp = mkdtempSync(join(tmpdir(), 'strata-tags-route-'));

beforeAll(async () => {
  [registry, data] = await Promise.all([startRegistry(), tempDataDir()]);
  server = await startTestServer(data.dir);
  const bundle = join(tmp, 'bundle.tar');
  await writeImageBundle(sampleBundleSpecs(), bundle, 'docker-legacy');
  for (const [i, tag] of ['1', '2', 'site'].entries())
    await seedImage(registry, `docker-archive:${bundle}:@${i}`, `team/app:${tag}`);
}, 300_000);
afterAll(async () => {
  await server?.close();
  await registry?.stop();
  await data?.remove();
  rmSync(tmp, { recursive: true, force: true });
});

describe('GET /api/tags', () => {
  it('lists the tags of a repository', async () => {
    const res = await fetch(`${server.url}/api/tags?repository=${registry.host}/team/app`);
    expect(res.status).toBe(200);
    expect(TagsResponseSchema.parse(await res.json())).toEqual({
      repository: `${registry.host}/team/app`,
      tags: ['1', '2', 'site'],
    });
    const missing = await fetch(`${server.url}/api/tags?repository=${registry.host}/team/none`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${server.url}/api/tags`)).status).toBe(400);
  });
});
