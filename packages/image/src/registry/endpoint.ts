/**
 * Where a registry name points: https by default; plain http only for localhost, loopback
 * addresses and registries the user marked insecure (like dockerd's `insecure-registries`).
 */
import { DOCKER_HUB } from './reference.js';

/** Docker Hub's API lives on another host than its name. */
const API_HOSTS: Record<string, string> = { [DOCKER_HUB]: 'registry-1.docker.io' };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1'
  );
}

/** Plain http may be used to `host` (`name[:port]`, as in a URL's `host`). */
export function allowsPlainHttp(host: string, insecureRegistries: readonly string[]): boolean {
  const hostname = host.replace(/:\d+$/, '');
  return (
    isLoopbackHost(hostname) || insecureRegistries.includes(host) || insecureRegistries.includes(hostname)
  );
}

/** Base URL of the registry's `/v2/` API. */
export function registryBaseUrl(registry: string, insecureRegistries: readonly string[]): URL {
  const host = API_HOSTS[registry] ?? registry;
  const scheme = allowsPlainHttp(host, insecureRegistries) ? 'http' : 'https';
  return new URL(`${scheme}://${host}/v2/`);
}
