/** The web app: served from its build dir (index.html for client-side routes), API untouched. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { startTestServer, tempDataDir } from './test-support/harness.js';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let server: RunningServer;

beforeAll(async () => {
  data = await tempDataDir();
  const webDir = join(data.dir, 'web');
  await mkdir(join(webDir, 'assets'), { recursive: true });
  await writeFile(join(webDir, 'index.html'), '<!doctype html><title>Strata UI</title>');
  await writeFile(join(webDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startTestServer(data.dir, { webDir });
});
afterAll(async () => {
  await server.close();
  await data.remove();
});

describe('web app', () => {
  it('serves index.html at / and for client-side routes, assets as files', async () => {
    for (const path of ['/', '/analyses/sha256-abc/layers/3']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Strata UI');
    }
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('keeps API misses as JSON 404s', async () => {
    const res = await fetch(`${server.url}/api/unknown`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
