/**
 * Test helpers for the advice recipes (packages/testkit/recipes/advice-*): build a recipe and
 * its hand-checked `Dockerfile.fixed` with buildah (cached), analyze both with Strata, and compare
 * a generated fix with the hand-checked one.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adviseImage, analyzeImage, type Analysis, type Finding } from '@strata/analysis';
import { loadImageInput, openArchive } from '@strata/image';
import { buildCachedImage } from '../buildah/build.js';
import { recipesRoot } from './recipes-root.js';

export interface AnalyzedImage {
  archive: string;
  analysis: Analysis;
  advice: Finding[];
}

export async function analyzeArchive(archive: string): Promise<AnalyzedImage> {
  const image = await openArchive(archive);
  try {
    const analysis = analyzeImage(await loadImageInput(image), image.source);
    return { archive, analysis, advice: adviseImage(analysis) };
  } finally {
    await image.close();
  }
}

/** The advice-apt recipe reuses bench-debian's rootfs through its prepare.sh. */
function exposeRecipes(): void {
  process.env.STRATA_RECIPES_DIR = recipesRoot();
}

export async function buildRecipe(name: string): Promise<AnalyzedImage> {
  exposeRecipes();
  return analyzeArchive(await buildCachedImage(join(recipesRoot(), name), { format: 'docker-archive' }));
}

/**
 * The recipe with `Dockerfile.fixed` as its Dockerfile (and `dockerignore.fixed` as its
 * .dockerignore), built as recipe `<name>-fixed`.
 */
export async function buildFixed(name: string): Promise<AnalyzedImage> {
  exposeRecipes();
  const parent = await mkdtemp(join(tmpdir(), 'strata-advice-'));
  const dir = join(parent, `${name}-fixed`);
  try {
    await cp(join(recipesRoot(), name), dir, { recursive: true });
    await writeFile(join(dir, 'Dockerfile'), await readFile(join(dir, 'Dockerfile.fixed')));
    await rm(join(dir, 'Dockerfile.fixed'));
    if (existsSync(join(dir, 'dockerignore.fixed'))) {
      await cp(join(dir, 'dockerignore.fixed'), join(dir, '.dockerignore'));
      await rm(join(dir, 'dockerignore.fixed'));
    }
    return analyzeArchive(await buildCachedImage(dir, { format: 'docker-archive' }));
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

export async function readRecipeFile(name: string, file: string): Promise<string> {
  return readFile(join(recipesRoot(), name, file), 'utf8');
}

/** Lines that make the recipes' base (layer 0 and the SHELL after it): the generated fix says FROM <base>. */
const BASE_LINES = [/^COPY busybox \/bin\/busybox$/, /^SHELL \[/, /^ADD rootfs\.tar \/$/];

/**
 * A Dockerfile reduced to what history can tell: no comments or continuations, `FROM scratch`
 * as `FROM <base>` without the base's own lines, COPY/ADD by destination (history records
 * `COPY file:<hash> in <dest>`, not the source name).
 */
export function normalizeDockerfile(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '' && !l.startsWith('#') && !BASE_LINES.some((re) => re.test(l)))
    .map((l) => l.replace(/^FROM scratch\b/, 'FROM <base>'))
    .map(copyByDestination);
}

function copyByDestination(line: string): string {
  const m = /^(COPY|ADD)((?:\s+--\S+)*)\s+(.*)$/.exec(line);
  if (!m) return line;
  const words = (m[3] as string).split(' ');
  return `${m[1]}${m[2]} ${words[words.length - 1]}`;
}
