/** A real registry for tests: docker-registry in three auth modes, seeding, tampering, stubs. */
export {
  startRegistry,
  type RegistryMode,
  type RegistryHarnessOptions,
  type RunningRegistry,
} from './registry-server.js';
export { SERVICE as REGISTRY_SERVICE } from './registry-config.js';
export type { TokenServer } from './token-server.js';
export { seedImage, seedIndex, type ImageSource, type SeedOptions } from './seed.js';
export { pushBlob, pushManifest, pushOpaqueImage, sha256Digest, type PushedImage } from './push.js';
export { blobDataPath, tamperBlob } from './storage.js';
export {
  startStubServer,
  startSilentServer,
  startUnacceptingServer,
  unusedPort,
  type StubServer,
  type StubHandler,
  type StubRequest,
} from './stub-server.js';
