import { fileURLToPath } from 'node:url';

export type RecipeName = 'multi-layer' | 'bench-debian' | 'content-debian' | 'content-secrets';

/** Absolute path of a recipe in packages/testkit/recipes/. */
export function recipeDir(name: RecipeName): string {
  return fileURLToPath(new URL(`../../recipes/${name}`, import.meta.url));
}
