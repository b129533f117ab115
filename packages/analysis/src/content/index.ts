export type * from './types.js';
export { contentAnalyzer, scanContent, isText } from './scan.js';
export { wantsContent, DOCUMENT_CAPS, SECRET_SCAN_CAP } from './select.js';
export { sha256, toHex, fingerprint } from './sha256.js';
export { imagePackages, ownerOf } from './image-packages.js';
export type {
  ImagePackage,
  ImagePackages,
  LayerPackages,
  PackageChange,
  PackageHolding,
  PackageUpgrade,
} from './image-packages.js';
export { imageSecrets, type ImageSecret } from './image-secrets.js';
export { locatePath, MAX_SYMLINK_HOPS, type Located } from './locate.js';
export { withPackages, type ReportWithPackages } from './packages-report.js';
