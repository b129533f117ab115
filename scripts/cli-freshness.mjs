// Is apps/cli/dist/strata.mjs older than what it is built from? Used by scripts/strata.mjs
// (`pnpm strata`) so that a call only pays for esbuild after a change. The inputs: the CLI's own
// src and package.json, the src of every workspace package it depends on at runtime (followed
// through `dependencies`, not `devDependencies`: the testkit is never bundled), and the lockfile.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Workspace package name -> its directory, for packages/* and apps/*. */
function workspaceDirs(root) {
  const dirs = new Map();
  for (const group of ['packages', 'apps']) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group))) {
      const manifest = join(root, group, name, 'package.json');
      if (existsSync(manifest)) dirs.set(readJson(manifest).name, join(root, group, name));
    }
  }
  return dirs;
}

/** The CLI's directory and those of its runtime workspace dependencies, transitively. */
export function cliPackageDirs(root) {
  const dirs = workspaceDirs(root);
  const seen = new Set();
  const visit = (dir) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const deps = Object.keys(readJson(join(dir, 'package.json')).dependencies ?? {});
    for (const dep of deps) if (dirs.has(dep)) visit(dirs.get(dep));
  };
  visit(join(root, 'apps/cli'));
  return [...seen];
}

const isTest = (name) => /\.test\.[cm]?[jt]sx?$/.test(name);

function newestUnder(dir, newest = { mtimeMs: 0, path: '' }) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newestUnder(path, newest);
    else if (entry.isFile() && !isTest(entry.name)) {
      const { mtimeMs } = statSync(path);
      if (mtimeMs > newest.mtimeMs) Object.assign(newest, { mtimeMs, path });
    }
  }
  return newest;
}

/** The newest input file ({ mtimeMs, path }). */
export function newestInput(root) {
  const newest = { mtimeMs: 0, path: '' };
  for (const dir of cliPackageDirs(root)) {
    if (existsSync(join(dir, 'src'))) newestUnder(join(dir, 'src'), newest);
    const { mtimeMs } = statSync(join(dir, 'package.json'));
    if (mtimeMs > newest.mtimeMs) Object.assign(newest, { mtimeMs, path: join(dir, 'package.json') });
  }
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(lock) && statSync(lock).mtimeMs > newest.mtimeMs)
    Object.assign(newest, { mtimeMs: statSync(lock).mtimeMs, path: lock });
  return newest;
}

/** Why the built CLI must be rebuilt, or null when it is up to date. */
export function staleReason(root) {
  const built = join(root, 'apps/cli/dist/strata.mjs');
  if (!existsSync(built) || !existsSync(join(root, 'apps/cli/dist/decode-worker.mjs')))
    return 'not built yet';
  const newest = newestInput(root);
  return newest.mtimeMs > statSync(built).mtimeMs ? `${newest.path} changed` : null;
}
