/**
 * The registry client's options under the server's configuration: its address policy, insecure
 * registries, timeouts and retries, and never the server's own Docker credentials unless the
 * operator says so. Pulls and platform lookups share them, so both obey the same policy.
 */
import type { AddressPolicy, RegistryOptions } from '@strata/image';
import type { Config } from '../config.js';

export interface Credentials {
  username: string;
  password: string;
}

export function registryOptions(
  config: Config,
  signal: AbortSignal,
  credentials?: Credentials,
): RegistryOptions {
  const options: RegistryOptions = {
    insecureRegistries: config.registry.insecureRegistries,
    addressPolicy: addressPolicy(config),
    idleTimeoutMs: config.registry.idleTimeoutMs,
    connectTimeoutMs: config.registry.idleTimeoutMs,
    retries: config.registry.retries,
    dockerConfig: config.registry.useDockerConfig ? undefined : false,
    imageLimits: config.imageLimits,
    signal,
  };
  if (credentials) options.credentials = credentials;
  return options;
}

function addressPolicy(config: Config): AddressPolicy {
  return {
    loopback: config.registry.allowLoopback,
    privateNetworks: config.registry.allowPrivate,
    allow: config.registry.allowCidrs,
  };
}
