/**
 * Analyses by reference against the real distribution registry (testkit's harness): a pull
 * with its events, dedup against the same image uploaded, credentials, and the ways a pull
 * fails (unknown tag, no credentials, a refused address, a registry that hangs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from './config.js';
import {
  diveFixture,
  seedImage,
  startRegistry,
  startSilentServer,
  type RunningRegistry,
  type StubServer,
} from '@strata/testkit';
import type { RunningServer } from './server.js';
import { jobIdOf, readEvents, uploadRaw, waitForJob } from './test-support/client.js';
import { gatedDecoder } from './test-support/gate.js';
import { startTestServer, tempDataDir, testConfig } from './test-support/harness.js';

const ARCHIVE = `oci-archive:${diveFixture('test-oci-gzip-image.tar')}` as const;

let open: RunningRegistry;
let basic: RunningRegistry;
let silent: StubServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;
let server: RunningServer;
/** Holds the first pull's layers until its events are subscribed to; open from then on. */
const gate = gatedDecoder();

beforeAll(async () => {
  [open, basic, silent, data] = await Promise.all([
    startRegistry(),
    startRegistry({ mode: 'basic' }),
    startSilentServer(),
    tempDataDir(),
  ]);
  await seedImage(open, ARCHIVE, 'dive/oci:1');
  await seedImage(basic, ARCHIVE, 'private/oci:1');
  const registry: Config['registry'] = { ...testConfig(data.dir).registry, idleTimeoutMs: 1000, retries: 0 };
  server = await startTestServer(data.dir, { registry, layerCacheMaxBytes: 0 }, { decoder: gate.decoder });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([open?.stop(), basic?.stop(), silent?.stop(), data?.remove()]);
});

const pull = (body: object): Promise<Response> =>
  fetch(`${server.url}/api/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('analysis by reference', () => {
  it('pulls, reports pulling progress, and stores the result; the same image uploaded is a dedup', async () => {
    const jobId = await jobIdOf(await pull({ reference: `${open.host}/dive/oci:1` }));
    await gate.reached;
    const reading = readEvents(server.url, jobId);
    await new Promise((r) => setTimeout(r, 50));
    gate.open();
    const events = await reading;
    expect(events[0]).toMatchObject({ type: 'job', job: { phase: 'pulling' } });
    const phases = events.flatMap((e) => (e.type === 'phase' ? [e.phase] : []));
    expect(phases).toEqual(['done']);
    expect(events.some((e) => e.type === 'layer' && e.done)).toBe(true);
    const job = await waitForJob(server.url, jobId);
    expect(job).toMatchObject({ kind: 'reference', source: `${open.host}/dive/oci:1`, phase: 'done' });

    const uploaded = await waitForJob(
      server.url,
      await jobIdOf(await uploadRaw(server.url, diveFixture('test-oci-gzip-image.tar'))),
    );
    expect(uploaded).toMatchObject({ deduplicated: true, analysisId: job.analysisId });
  });

  it('uses the credentials given, for this job only', async () => {
    const reference = `${basic.host}/private/oci:1`;
    const denied = await waitForJob(server.url, await jobIdOf(await pull({ reference })));
    expect(denied.error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    const { username, password } = basic.credentials as { username: string; password: string };
    const ok = await waitForJob(server.url, await jobIdOf(await pull({ reference, username, password })));
    expect(ok.phase).toBe('done');
    expect(JSON.stringify(ok)).not.toContain(password);
  });

  it('an unknown tag: NOT_FOUND, 404', async () => {
    const job = await waitForJob(
      server.url,
      await jobIdOf(await pull({ reference: `${open.host}/dive/oci:nope` })),
    );
    expect(job.error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('a registry that accepts and never answers: NETWORK, 502, within the idle timeout', async () => {
    const job = await waitForJob(
      server.url,
      await jobIdOf(await pull({ reference: `${silent.host}/hang/app:1` })),
    );
    expect(job.error).toMatchObject({ code: 'NETWORK', status: 502 });
  });

  it('a loopback registry when the address policy refuses loopback: DENIED, 403', async () => {
    const other = await tempDataDir();
    const base = testConfig(other.dir);
    const strict = await startTestServer(other.dir, { registry: { ...base.registry, allowLoopback: false } });
    try {
      const res = await fetch(`${strict.url}/api/analyses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reference: `${open.host}/dive/oci:1` }),
      });
      const job = await waitForJob(strict.url, await jobIdOf(res));
      expect(job.error).toMatchObject({ code: 'DENIED', status: 403 });
    } finally {
      await strict.close();
      await other.remove();
    }
  });
});
