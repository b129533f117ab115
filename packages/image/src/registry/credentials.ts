/**
 * Registry credentials: given explicitly, or from the Docker CLI's `config.json` as the Docker CLI
 * reads it (cli/config/configfile): a `credHelpers` entry for the registry, else the `credsStore`
 * helper (credential-helper.ts), else the `auths` entry
 * (`{"auths": {"host": {"auth": base64("user:password")}}}`) that `docker login` writes.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StrataError } from '../errors.js';
import { runCredentialHelper } from './credential-helper.js';
import { DOCKER_HUB } from './reference.js';

export interface Credentials {
  username: string;
  password: string;
}

/** `docker login` stores Docker Hub under its legacy v1 URL. */
const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string } | undefined>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The address Docker hands a helper: Docker Hub's legacy v1 URL, else the host[:port]. */
const HUB_SERVER = 'https://index.docker.io/v1/';

export function defaultDockerConfigPath(): string {
  const dir = process.env['DOCKER_CONFIG'] ?? join(homedir(), '.docker');
  return join(dir, 'config.json');
}

/** Credentials for `registry` from a Docker config file; undefined when there are none. */
export function credentialsFromDockerConfig(
  registry: string,
  path = defaultDockerConfigPath(),
): Credentials | undefined {
  const config = readConfig(path);
  const wanted = registry === DOCKER_HUB ? HUB_KEYS : [registry];
  const helper = helperFor(config, wanted);
  if (helper) {
    const found = runCredentialHelper(helper, registry === DOCKER_HUB ? HUB_SERVER : registry);
    if (found) return found;
  }
  if (!config?.auths) return undefined;
  for (const [key, entry] of Object.entries(config.auths)) {
    if (!entry || !wanted.includes(hostOfKey(key))) continue;
    const found = decodeEntry(entry, path, key);
    if (found) return found;
  }
  return undefined;
}

function readConfig(path: string): DockerConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined; // no config is the common case
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch {
    throw new StrataError('UNAUTHORIZED', `cannot read registry credentials: ${path} is not valid JSON`);
  }
}

function helperFor(config: DockerConfig | undefined, wanted: string[]): string | undefined {
  for (const [key, helper] of Object.entries(config?.credHelpers ?? {})) {
    if (typeof helper === 'string' && helper && wanted.includes(hostOfKey(key))) return helper;
  }
  return typeof config?.credsStore === 'string' && config.credsStore ? config.credsStore : undefined;
}

/** Keys may be `host`, `host:port`, or a URL such as `https://host/v1/`. */
function hostOfKey(key: string): string {
  if (HUB_KEYS.includes(key)) return key;
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

function decodeEntry(
  entry: { auth?: string; username?: string; password?: string },
  path: string,
  key: string,
): Credentials | undefined {
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0) throw new StrataError('UNAUTHORIZED', `bad "auth" entry for ${key} in ${path}`);
    return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}
