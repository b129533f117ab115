/** Listing tags against the real distribution registry, its `Link` pages followed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sampleBundleSpecs,
  seedImage,
  startRegistry,
  writeImageArchive,
  type RunningRegistry,
} from '@strata/testkit';
import { RegistryClient } from './client.js';
import { parseReference } from './reference.js';
import { nextPage } from './tags.js';

let registry: RunningRegistry;
const tmp = mkdtempSync(join(tmpdir(), 'strata-tags-'));

beforeAll(async () => {
  registry = await startRegistry();
  const archive = join(tmp, 'app.tar');
  await writeImageArchive(sampleBundleSpecs()[0]!, archive, 'docker-legacy');
  for (const tag of ['1.0', '1.1', '2.0', 'latest', 'dev'])
    await seedImage(registry, `docker-archive:${archive}`, `team/app:${tag}`);
}, 300_000);
afterAll(async () => {
  await registry?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('listTags', () => {
  it('follows every Link page of the tag list', async () => {
    const client = new RegistryClient({ dockerConfig: false, retries: 0 });
    try {
      const ref = parseReference(`${registry.host}/team/app`);
      // pages of 2: three requests, each after the registry's rel="next"
      // (in the registry's order, which this registry does not sort)
      const all = await client.listTags(ref, 1000, 2);
      expect([...all].sort()).toEqual(['1.0', '1.1', '2.0', 'dev', 'latest']);
      const some = await client.listTags(ref, 3, 2);
      expect(some).toEqual(all.slice(0, 3));
    } finally {
      client.close();
    }
  });

  it('never follows a next page to another origin', () => {
    const base = new URL('http://127.0.0.1:5000/v2/');
    expect(nextPage('</v2/a/tags/list?last=b&n=2>; rel="next"', base)?.href).toBe(
      'http://127.0.0.1:5000/v2/a/tags/list?last=b&n=2',
    );
    expect(nextPage('<http://evil.example/v2/a/tags/list>; rel="next"', base)).toBeUndefined();
    expect(nextPage(undefined, base)).toBeUndefined();
  });
});
