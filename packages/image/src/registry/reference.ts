/**
 * Image references, parsed and normalized the way Docker does it (distribution/reference):
 * `nginx` -> `docker.io/library/nginx:latest`. The first path component is a registry host
 * only when it contains `.` or `:`, is `localhost`, or has an uppercase letter.
 * Grammar: https://github.com/distribution/reference/blob/main/reference.go
 */
import { isIPv6 } from 'node:net';
import { StrataError } from '../errors.js';
import { digestProblem } from '../spec/digest.js';

export const DOCKER_HUB = 'docker.io';
const DEFAULT_TAG = 'latest';
const MAX_NAME_LENGTH = 255;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;

export interface Reference {
  /** Registry host as written (normalized): `docker.io`, `localhost:5000`, `[::1]:5000`. */
  readonly registry: string;
  /** Repository path inside the registry: `library/nginx`. */
  readonly repository: string;
  /** Tag; `latest` when neither a tag nor a digest was given. */
  readonly tag?: string;
  /** Digest (`sha256:…`); when present it wins over the tag for fetching. */
  readonly digest?: string;
}

/** `registry/repository`, e.g. `docker.io/library/nginx`. */
export function referenceName(ref: Reference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** What to ask the registry for: the digest if there is one, else the tag. */
export function referenceIdentifier(ref: Reference): string {
  return ref.digest ?? ref.tag ?? DEFAULT_TAG;
}

/** Normalized string: `docker.io/library/nginx:latest`, `host/repo@sha256:…`, `host/repo:tag@sha256:…`. */
export function formatReference(ref: Reference): string {
  const tag = ref.tag === undefined ? '' : `:${ref.tag}`;
  const digest = ref.digest === undefined ? '' : `@${ref.digest}`;
  return `${referenceName(ref)}${tag}${digest}`;
}

/** Parse and normalize a reference; `docker://` in front is accepted and dropped. */
export function parseReference(input: string): Reference {
  const text = input.startsWith('docker://') ? input.slice('docker://'.length) : input;
  const fail = (why: string): never => {
    throw new StrataError('INVALID_REFERENCE', `invalid image reference ${JSON.stringify(input)}: ${why}`);
  };
  checkShape(text, fail);
  const { name, tag, digest } = splitTagAndDigest(text, fail);
  const { registry, repository } = splitRegistry(name);
  checkRegistry(registry, fail);
  checkRepository(repository, fail);
  if (`${registry}/${repository}`.length > MAX_NAME_LENGTH)
    fail(`name is longer than ${MAX_NAME_LENGTH} characters`);
  const ref: { registry: string; repository: string; tag?: string; digest?: string } = {
    registry,
    repository,
  };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  if (tag === undefined && digest === undefined) ref.tag = DEFAULT_TAG;
  return ref;
}

type Fail = (why: string) => never;

function checkShape(text: string, fail: Fail): void {
  if (text.trim() === '') fail('it is empty');
  if (/\s/.test(text)) fail('it contains whitespace');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) fail(`a reference has no URL scheme; drop "${scheme[0]}"`);
}

function splitTagAndDigest(text: string, fail: Fail): { name: string; tag?: string; digest?: string } {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) fail(`bad digest "${digest}": ${problem}`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/') && !rest.endsWith(']')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') fail('empty tag after ":"');
    if (!TAG.test(tag)) {
      fail(
        `bad tag "${tag}": a tag is 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"`,
      );
    }
  }
  if (rest === '') fail('the repository name is missing');
  return { name: rest, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (!isHost) return { registry: DOCKER_HUB, repository: hubRepository(name) };
  const registry = first === 'index.docker.io' ? DOCKER_HUB : first;
  const path = name.slice(slash + 1);
  return { registry, repository: registry === DOCKER_HUB ? hubRepository(path) : path };
}

/** Official images live under `library/` on Docker Hub. */
function hubRepository(path: string): string {
  return path.includes('/') ? path : `library/${path}`;
}

function checkRegistry(registry: string, fail: Fail): void {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(registry);
  const host = match?.[1] ?? '';
  const port = match?.[2];
  if (port !== undefined && !/^\d{1,5}$/.test(port)) fail(`bad port "${port}" in registry "${registry}"`);
  if (port !== undefined && Number(port) > 65535) fail(`port ${port} is out of range`);
  if (host.startsWith('[')) {
    if (!isIPv6(host.slice(1, -1))) fail(`bad IPv6 address "${host}" in registry "${registry}"`);
    return;
  }
  if (host === '' || !host.split('.').every((c) => DOMAIN_COMPONENT.test(c))) {
    fail(`bad registry host "${host}"`);
  }
}

function checkRepository(repository: string, fail: Fail): void {
  for (const component of repository.split('/')) {
    if (component === '') fail('the repository path has an empty component ("//" or a trailing "/")');
    if (component.toLowerCase() !== component) fail(`repository name must be lowercase ("${component}")`);
    if (!PATH_COMPONENT.test(component)) {
      fail(
        `bad repository path component "${component}": use lowercase letters and digits, ` +
          'separated by ".", "_", "__" or dashes',
      );
    }
  }
}
