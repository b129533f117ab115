export type * from './types.js';
export { contentAnalyzer, scanContent, isText } from './scan.js';
export { wantsContent, DOCUMENT_CAPS, SECRET_SCAN_CAP } from './select.js';
export { sha256, toHex, fingerprint } from './sha256.js';
