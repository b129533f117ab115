import { fileURLToPath } from 'node:url';

/** packages/testkit/recipes, where the advice-* recipes live. */
export function recipesRoot(): string {
  return fileURLToPath(new URL('../../recipes', import.meta.url));
}
