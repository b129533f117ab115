/**
 * Sources holding several images, and layout directories, through the real CLI: a `docker save
 * a b c`-shaped bundle, an OCI layout directory with two tags made by skopeo (`skopeo copy …
 * oci:DIR:tag`), its tar as an oci-archive; and registry credentials from a Docker credential
 * helper (a script the test puts on PATH) against the real registry with basic auth.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@strata/analysis';
import {
  sampleBundleSpecs,
  seedImage,
  startRegistry,
  writeImageArchive,
  writeImageBundle,
  type RunningRegistry,
} from '@strata/testkit';
import { runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-cli-images-'));
const bundle = join(tmp, 'bundle.tar');
const layout = join(tmp, 'layout');
const layoutTar = join(tmp, 'layout.tar');
/** manifest digest per tag, read from index.json as skopeo wrote it */
const tagDigests: Record<string, string> = {};

beforeAll(async () => {
  const specs = sampleBundleSpecs();
  await writeImageBundle(specs, bundle, 'docker-legacy');
  for (const [i, tag] of ['one', 'two'].entries()) {
    const single = join(tmp, `single-${i}.tar`);
    await writeImageArchive(specs[i]!, single, 'docker-legacy');
    execFileSync('skopeo', ['copy', '-q', `docker-archive:${single}`, `oci:${layout}:${tag}`]);
  }
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as {
    manifests: Array<{ digest: string; annotations: Record<string, string> }>;
  };
  for (const m of index.manifests) tagDigests[m.annotations['org.opencontainers.image.ref.name']!] = m.digest;
  execFileSync('tar', ['-cf', layoutTar, '-C', layout, '.']);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function report(args: string[]): Report {
  const out = join(tmp, `r-${Math.random().toString(36).slice(2)}.json`);
  const r = runCli([...args, '-q', '--report', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

describe('an archive with several images', () => {
  it('without a choice: exit 2 and one line per image, with its refs and @N', () => {
    const r = runCli([bundle, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `strata: ${bundle} holds 3 images; choose one with :REF or :@N [SEVERAL_IMAGES]`,
      '  @0  app:1  linux/amd64',
      '  @1  app:2  linux/amd64',
      '  @2  site:1  linux/amd64',
      '',
    ]);
  });

  it('opens the one named by RepoTag or @N', () => {
    expect(report([`docker-archive:${bundle}:app:2`]).image.names).toEqual(['app:2']);
    expect(report([`docker-archive:${bundle}:docker.io/library/site:1`]).image.names).toEqual(['site:1']);
    const second = report([`${bundle}:@1`]);
    expect(second.image).toMatchObject({
      names: ['app:2'],
      layerCount: 3,
      source: `docker-archive:${bundle}:@1`,
    });
    const missing = runCli([`docker-archive:${bundle}:app:9`, '-q']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/has no image app:9; it holds: @0 {2}app:1.*\[NOT_FOUND\]/);
  });
});

describe('an OCI layout directory with two tags (skopeo copy … oci:DIR:tag)', () => {
  it('is detected as a directory, lists its tags, and opens each by ref name', () => {
    const r = runCli([layout, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds 2 images');
    expect(r.stderr).toContain('\n  @0  one');
    expect(r.stderr).toContain('\n  @1  two');
    const two = report([`oci:${layout}:two`]);
    expect(two.image.digest).toBe(tagDigests['two']);
    expect(two.image.names).toEqual(['two']);
    expect(report([`${layout}:@0`]).image.digest).toBe(tagDigests['one']);
  });

  it('reads the same as an oci-archive (a tar of the directory)', () => {
    const fromDir = report([`oci:${layout}:one`]);
    const fromTar = report([`oci-archive:${layoutTar}:one`]);
    expect(fromTar.image.digest).toBe(tagDigests['one']);
    expect(fromTar.layers).toEqual(fromDir.layers);
    expect(runCli([`oci:${layoutTar}`, '-q']).stderr).toContain('is not a directory');
  });
});

describe('registry credentials from a Docker credential helper', () => {
  let registry: RunningRegistry;
  const home = join(tmp, 'docker-home');
  const oldEnv = { PATH: process.env['PATH'], DOCKER_CONFIG: process.env['DOCKER_CONFIG'] };

  beforeAll(async () => {
    registry = await startRegistry({ mode: 'basic', users: { alice: 'helper-secret-pw' } });
    await seedImage(registry, `docker-archive:${bundle}:app:1`, 'team/app:1');
    mkdirSync(home);
    const helper = join(home, 'docker-credential-strata-test');
    writeFileSync(
      helper,
      `#!/bin/sh\nread -r host\necho "$host" >> '${join(home, 'asked')}'\n` +
        `[ "$host" = '${registry.host}' ] || { echo 'credentials not found in native keychain'; exit 1; }\n` +
        `echo '{"ServerURL":"${registry.host}","Username":"alice","Secret":"helper-secret-pw"}'\n`,
    );
    chmodSync(helper, 0o755);
    writeFileSync(join(home, 'config.json'), JSON.stringify({ credsStore: 'strata-test' }));
    process.env['PATH'] = `${home}${delimiter}${oldEnv.PATH ?? ''}`;
    process.env['DOCKER_CONFIG'] = home;
  }, 300_000);
  afterAll(async () => {
    process.env['PATH'] = oldEnv.PATH;
    if (oldEnv.DOCKER_CONFIG === undefined) delete process.env['DOCKER_CONFIG'];
    else process.env['DOCKER_CONFIG'] = oldEnv.DOCKER_CONFIG;
    await registry?.stop();
  });

  it('pulls with the credentials the helper gives (credsStore), asked with the host on stdin', () => {
    const pulled = report([`${registry.host}/team/app:1`]);
    expect(pulled.image.layerCount).toBe(3);
    expect(readFileSync(join(home, 'asked'), 'utf8')).toContain(`${registry.host}\n`);
  });

  it('without the helper the registry refuses', () => {
    writeFileSync(join(home, 'config.json'), JSON.stringify({}));
    const r = runCli([`${registry.host}/team/app:1`, '-q']);
    writeFileSync(join(home, 'config.json'), JSON.stringify({ credsStore: 'strata-test' }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[UNAUTHORIZED]');
    expect(r.stderr).not.toContain('helper-secret-pw');
  });
});
