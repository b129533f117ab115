import { describe, expect, it } from 'vitest';
import { StrataError } from '../errors.js';
import { formatReference, parseReference, referenceIdentifier } from './reference.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference normalizes like Docker', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25-alpine', 'docker.io/library/nginx:1.25-alpine'],
    ['library/nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx:x', 'docker.io/library/nginx:x'],
    ['docker://nginx', 'docker.io/library/nginx:latest'],
    ['someone/app', 'docker.io/someone/app:latest'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/team/app:v1', 'localhost:5000/team/app:v1'],
    ['127.0.0.1:5000/app', '127.0.0.1:5000/app:latest'],
    ['[::1]:5000/app:dev', '[::1]:5000/app:dev'],
    ['ghcr.io/org/app', 'ghcr.io/org/app:latest'],
    [`ghcr.io/org/app@${D}`, `ghcr.io/org/app@${D}`],
    [`ghcr.io/org/app:v1@${D}`, `ghcr.io/org/app:v1@${D}`],
    ['registry.example.com/a.b-c_d__e---f/g:T_1.x-y', 'registry.example.com/a.b-c_d__e---f/g:T_1.x-y'],
    // A first component with an uppercase letter is a host, as in Docker.
    ['Registry/app', 'Registry/app:latest'],
    // `host:port` alone is a name and a tag, as in Docker.
    ['localhost:5000', 'docker.io/library/localhost:5000'],
  ])('%s -> %s', (input, expected) => {
    expect(formatReference(parseReference(input))).toBe(expected);
  });

  it('splits the parts and fetches by digest when there is one', () => {
    const ref = parseReference(`localhost:5000/team/app:v1@${D}`);
    expect(ref).toEqual({ registry: 'localhost:5000', repository: 'team/app', tag: 'v1', digest: D });
    expect(referenceIdentifier(ref)).toBe(D);
    expect(referenceIdentifier(parseReference('nginx'))).toBe('latest');
  });
});

describe('parseReference says what is wrong', () => {
  it.each([
    ['', /it is empty/],
    ['   ', /it is empty/],
    ['nginx latest', /whitespace/],
    ['https://ghcr.io/org/app', /no URL scheme; drop "https:\/\/"/],
    ['Nginx', /must be lowercase \("Nginx"\)/],
    ['ghcr.io/Org/app', /must be lowercase \("Org"\)/],
    ['nginx:', /empty tag/],
    ['nginx:-rc', /bad tag "-rc"/],
    [`nginx:${'x'.repeat(129)}`, /bad tag/],
    ['nginx@sha256:abc', /bad digest "sha256:abc": sha256 needs 64 lowercase hex/],
    [`nginx@md5:${'a'.repeat(32)}`, /unsupported digest algorithm "md5"/],
    ['nginx@', /bad digest ""/],
    ['a//b', /empty component/],
    ['ghcr.io/org/', /empty component/],
    ['app_/x', /bad repository path component "app_"/],
    ['ghcr.io/a..b', /bad repository path component "a..b"/],
    ['my_host.io:5000/app', /bad registry host "my_host.io"/],
    ['host.io:99999/app', /port 99999 is out of range/],
    ['host.io:/app', /bad port ""/],
    ['[::zz]:5000/app', /bad IPv6 address/],
    [':tag', /repository name is missing/],
    [`ghcr.io/${'a'.repeat(250)}`, /longer than 255/],
  ])('%j', (input, message) => {
    let error: unknown;
    try {
      parseReference(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StrataError);
    expect((error as StrataError).code).toBe('INVALID_REFERENCE');
    expect((error as StrataError).message).toMatch(message);
    expect((error as StrataError).message).toContain(JSON.stringify(input));
  });
});
