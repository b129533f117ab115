/**
 * `./strata` and `pnpm strata` (scripts/strata.mjs): rebuild the CLI only when an input is newer than the build,
 * and behave exactly like the built CLI run directly.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { cliPackageDirs, staleReason } from './cli-freshness.mjs';

const root = resolve(import.meta.dirname, '..');

describe('cliPackageDirs', () => {
  it('follows runtime dependencies only', () => {
    const dirs = (cliPackageDirs(root) as string[]).map((d) => d.slice(root.length + 1));
    expect(dirs).toContain('apps/cli');
    expect(dirs).toContain('packages/image');
    expect(dirs).toContain('packages/analysis');
    expect(dirs).not.toContain('packages/testkit');
  });
});

describe('staleReason', () => {
  let ws = '';
  const put = (rel: string, text: string, mtimeSec: number): void => {
    mkdirSync(dirname(join(ws, rel)), { recursive: true });
    writeFileSync(join(ws, rel), text);
    utimesSync(join(ws, rel), mtimeSec, mtimeSec);
  };
  const touch = (rel: string, mtimeSec: number): void => utimesSync(join(ws, rel), mtimeSec, mtimeSec);
  const manifest = (name: string, deps: object = {}, devDeps: object = {}): string =>
    JSON.stringify({ name, dependencies: deps, devDependencies: devDeps });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'strata-freshness-'));
    put(
      'apps/cli/package.json',
      manifest('@x/cli', { '@x/lib': 'workspace:*' }, { '@x/kit': 'workspace:*' }),
      100,
    );
    put('apps/cli/src/main.ts', 'main', 100);
    put('packages/lib/package.json', manifest('@x/lib'), 100);
    put('packages/lib/src/deep/a.ts', 'a', 100);
    put('packages/lib/src/deep/a.test.ts', 'test', 100);
    put('packages/kit/package.json', manifest('@x/kit'), 100);
    put('packages/kit/src/k.ts', 'k', 100);
    put('pnpm-lock.yaml', 'lock', 100);
    put('apps/cli/dist/strata.mjs', 'built', 200);
    put('apps/cli/dist/decode-worker.mjs', 'built', 200);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('is fresh when the build is newer than every input', () => {
    expect(staleReason(ws)).toBeNull();
  });
  it('names the changed source of a runtime dependency', () => {
    touch('packages/lib/src/deep/a.ts', 300);
    expect(staleReason(ws)).toMatch(/packages\/lib\/src\/deep\/a\.ts changed/);
  });
  it('counts the lockfile and package.json files', () => {
    touch('pnpm-lock.yaml', 300);
    expect(staleReason(ws)).toMatch(/pnpm-lock\.yaml/);
    touch('pnpm-lock.yaml', 100);
    touch('apps/cli/package.json', 300);
    expect(staleReason(ws)).toMatch(/apps\/cli\/package\.json/);
  });
  it('ignores tests and devDependencies', () => {
    touch('packages/lib/src/deep/a.test.ts', 300);
    touch('packages/kit/src/k.ts', 300);
    expect(staleReason(ws)).toBeNull();
  });
  it('wants a build when a bundle is missing', () => {
    rmSync(join(ws, 'apps/cli/dist/decode-worker.mjs'));
    expect(staleReason(ws)).toBe('not built yet');
  });
});

describe('./strata and scripts/strata.mjs', () => {
  it.each([
    ['./strata', [join(root, 'strata')]],
    ['scripts/strata.mjs', [process.execPath, join(root, 'scripts/strata.mjs')]],
  ])('%s answers like the built CLI: same stdout, stderr and exit code', (_, command) => {
    const args = [join(tmpdir(), 'strata-no-such-image.tar')];
    const [file, ...pre] = command as [string, ...string[]];
    const wrapped = spawnSync(file, [...pre, ...args], { encoding: 'utf8' });
    const direct = spawnSync(process.execPath, [join(root, 'apps/cli/dist/strata.mjs'), ...args], {
      encoding: 'utf8',
    });
    expect(direct.status).not.toBe(0);
    expect(wrapped.status).toBe(direct.status);
    expect(wrapped.stdout).toBe(direct.stdout);
    expect(wrapped.stderr.replace(/^strata: building the CLI .*\n/, '')).toBe(direct.stderr);
  });
});
