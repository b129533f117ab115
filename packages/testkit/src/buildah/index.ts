export { buildCachedImage, type ArchiveFormat, type BuildOptions } from './build.js';
export { recipeDir, type RecipeName } from './recipes.js';
export { cacheDir } from './paths.js';
export { withLock } from './lock.js';
