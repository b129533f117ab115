// The testkit's image builders are TypeScript; esbuild (a root devDependency, it builds the CLI)
// bundles the parts the bench needs into one temporary .mjs, so no TS loader is needed.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Imports TypeScript `contents` (an entry's source) bundled from `dir` (relative to `root`). */
export async function importTs(root, dir, contents) {
  const { build } = await import('esbuild');
  // Beside the sources (not in /tmp), so that bundled packages resolve their own requires.
  const out = join(root, dir, `.bench-bundle-${process.pid}.mjs`);
  await build({
    stdin: { contents, resolveDir: join(root, dir), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    await rm(out, { force: true });
  }
}

export const loadTestkit = (root) =>
  importTs(
    root,
    'packages/testkit/src',
    "export * from './buildah/index.ts'; export * from './bench-images/index.ts';",
  );
