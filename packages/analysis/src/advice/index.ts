export type * from './types.js';
export { adviseImage, ADVICE_RULES, type AdviceRule } from './advise.js';
export { reconstructDockerfile, UNKNOWN_BASE, type ReconstructedDockerfile } from './dockerfile.js';
export { renderDockerfile } from './draft.js';
export { severityForBytes } from './severity.js';
