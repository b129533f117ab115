/** Pull images straight from an OCI distribution registry, without a Docker daemon. */
export { RegistryImage } from './registry-image.js';
export { RegistryClient, type FetchedManifest } from './client.js';
export type { RegistryOptions } from './options.js';
export {
  parseReference,
  formatReference,
  referenceName,
  referenceIdentifier,
  DOCKER_HUB,
  type Reference,
} from './reference.js';

export {
  addressRefusal,
  classifyAddress,
  ALLOW_ALL_ADDRESSES,
  type AddressPolicy,
  type AddressClass,
} from './address-policy.js';
export { credentialsFromDockerConfig, defaultDockerConfigPath, type Credentials } from './credentials.js';
export type { Resolver } from './transport.js';
