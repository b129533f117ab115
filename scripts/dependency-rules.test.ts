/**
 * The dependency direction of DESIGN.md "Shape of the house": analysis and contract depend on
 * nothing of ours, image only on analysis, apps on packages (never the reverse), web never on
 * image, testkit only as a devDependency. Reads every package.json of the workspace.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function workspaceManifests(): Manifest[] {
  return ['packages', 'apps']
    .flatMap((group) => readdirSync(join(root, group)).map((dir) => join(root, group, dir, 'package.json')))
    .filter((path) => existsSync(path))
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as Manifest);
}

const ours = (deps: Record<string, string> = {}): string[] =>
  Object.keys(deps).filter((d) => d.startsWith('@strata/'));

const ALLOWED: Record<string, string[]> = {
  '@strata/analysis': [],
  '@strata/contract': [],
  '@strata/image': ['@strata/analysis'],
  '@strata/testkit': ['@strata/analysis', '@strata/image'],
  '@strata/cli': ['@strata/analysis', '@strata/image', '@strata/contract'],
  '@strata/server': ['@strata/analysis', '@strata/image', '@strata/contract'],
  '@strata/web': ['@strata/analysis', '@strata/contract'],
};

describe('workspace dependency rules', () => {
  const manifests = workspaceManifests();

  it('finds the packages', () => {
    expect(manifests.map((m) => m.name)).toEqual(
      expect.arrayContaining(['@strata/analysis', '@strata/image', '@strata/cli']),
    );
  });

  it.each(manifests.map((m) => [m.name, m] as const))('%s depends only on what it may', (name, manifest) => {
    expect(ALLOWED[name], `${name} is not in the rules`).toBeDefined();
    const runtime = ours(manifest.dependencies);
    expect(runtime.filter((d) => !ALLOWED[name]?.includes(d))).toEqual([]);
    const dev = ours(manifest.devDependencies).filter((d) => d !== '@strata/testkit');
    expect(dev.filter((d) => !ALLOWED[name]?.includes(d))).toEqual([]);
    if (name !== '@strata/testkit') expect(runtime).not.toContain('@strata/testkit');
  });

  it('keeps the analysis package free of Node APIs (it runs in a Web Worker)', () => {
    const dir = join(root, 'packages/analysis/src');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from ['"]node:|require\(['"]node:/.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
