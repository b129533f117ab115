// The testkit's image builders are TypeScript; esbuild (a root devDependency, it builds the CLI)
// bundles the parts the bench needs into one temporary .mjs, so no TS loader is needed.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadTestkit(root) {
  const { build } = await import('esbuild');
  // Beside the sources (not in /tmp), so that bundled packages resolve their own requires.
  const out = join(root, 'packages/testkit', `.bench-testkit-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: "export * from './buildah/index.ts'; export * from './bench-images/index.ts';",
      resolveDir: join(root, 'packages/testkit/src'),
      loader: 'ts',
    },
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
