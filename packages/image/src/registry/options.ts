import type { Platform } from '../image.js';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../spec/image-limits.js';
import type { AddressPolicy } from './address-policy.js';
import type { Credentials } from './credentials.js';
import type { Resolver } from './transport.js';

export interface RegistryOptions {
  /**
   * Username and password for the registry (and its token realm). When absent, the Docker
   * config's `auths` are used, then anonymous access.
   */
  credentials?: Credentials;
  /** Path of a Docker `config.json`; default `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`; false: do not read one. */
  dockerConfig?: string | false;
  /** `host[:port]` of registries reached over plain http (localhost and loopback always are). */
  insecureRegistries?: string[];
  /** Platform to pick from an index, `linux/arm64/v8` or an object. Default linux/amd64. */
  platform?: string | Platform;
  /** Which resolved addresses may be connected to. Default: public and loopback only. */
  addressPolicy?: AddressPolicy;
  /** DNS resolver override (tests); the address policy applies to what it returns. */
  resolve?: Resolver;
  /** Bound on establishing a TCP connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Bound on silence from the server, before headers or mid-body. Default 30 s. */
  idleTimeoutMs?: number;
  /** Retries after a 429, a 5xx or a dropped connection. Default 4. */
  retries?: number;
  /** First backoff delay, doubled per retry (with jitter, capped at 10 s). Default 500 ms. */
  retryDelayMs?: number;
  /** Body caps. Defaults: manifest 4 MiB, config 8 MiB, token 1 MiB. */
  maxManifestBytes?: number;
  maxConfigBytes?: number;
  maxTokenBytes?: number;
  userAgent?: string;
  /** Bounds on the image's shape (layers, repeats); defaults in spec/image-limits.ts. */
  imageLimits?: Partial<ImageLimits>;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
}

export interface Settings {
  credentials: Credentials | undefined;
  dockerConfig: string | false | undefined;
  insecureRegistries: string[];
  addressPolicy: AddressPolicy;
  resolve: Resolver | undefined;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  retries: number;
  retryDelayMs: number;
  maxManifestBytes: number;
  maxConfigBytes: number;
  maxTokenBytes: number;
  userAgent: string;
  imageLimits: ImageLimits;
  signal: AbortSignal | undefined;
}

const MiB = 1024 * 1024;

export function settingsFrom(o: RegistryOptions): Settings {
  return {
    credentials: o.credentials,
    dockerConfig: o.dockerConfig,
    insecureRegistries: o.insecureRegistries ?? [],
    addressPolicy: o.addressPolicy ?? {},
    resolve: o.resolve,
    connectTimeoutMs: o.connectTimeoutMs ?? 10_000,
    idleTimeoutMs: o.idleTimeoutMs ?? 30_000,
    retries: o.retries ?? 4,
    retryDelayMs: o.retryDelayMs ?? 500,
    maxManifestBytes: o.maxManifestBytes ?? 4 * MiB,
    maxConfigBytes: o.maxConfigBytes ?? 8 * MiB,
    maxTokenBytes: o.maxTokenBytes ?? 1 * MiB,
    userAgent: o.userAgent ?? 'strata',
    imageLimits: { ...DEFAULT_IMAGE_LIMITS, ...o.imageLimits },
    signal: o.signal,
  };
}
