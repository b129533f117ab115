export { cachedBenchImage, recipeHash, GENERATOR_VERSION } from './cached';
export { writeBenchImage, type BenchImage, type BenchRecipe } from './bench-image';
export { MILLION_FILES, THREE_GB } from './recipes';
export type { ManyFilesRecipe } from './many-files';
export type { BigLayersRecipe } from './big-layers';
export type { LayerStats } from './types';
export { seeded, type Seeded } from './seeded';
