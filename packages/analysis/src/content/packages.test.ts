import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from './apk.js';
import { scanContent } from './scan.js';
import { wantsContent } from './select.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('apk installed database', () => {
  it('reads packages with their files (F: directory, R: file in it) and installed size', () => {
    // Shape of alpine:3.20's /lib/apk/db/installed (apk-tools "Installed Database V2").
    const db = [
      'C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nS:411323\nI:657408\nT:the musl c library\nF:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nZ:Q1x=\nR:libc.musl-x86_64.so.1\nF:usr\nF:usr/lib\n',
      'C:Q1def=\nP:busybox\nV:1.36.1-r29\nA:x86_64\nI:951040\nF:bin\nR:busybox\nF:etc\nR:securetty\n',
    ].join('\n');
    expect(parseApkInstalled('/lib/apk/db/installed', db).packages).toEqual([
      {
        name: 'musl',
        version: '1.2.5-r0',
        arch: 'x86_64',
        declaredBytes: 657408,
        files: ['/lib/ld-musl-x86_64.so.1', '/lib/libc.musl-x86_64.so.1'],
      },
      {
        name: 'busybox',
        version: '1.36.1-r29',
        arch: 'x86_64',
        declaredBytes: 951040,
        files: ['/bin/busybox', '/etc/securetty'],
      },
    ]);
  });
});

describe('npm manifests', () => {
  it("a package's own package.json gives name, version and its directory (this repository's node_modules)", () => {
    const path = fileURLToPath(import.meta.resolve('vitest/package.json'));
    const json = JSON.parse(readFileSync(path, 'utf8')) as { name: string; version: string };
    const rel = `app/node_modules/vitest/package.json`;
    expect(wantsContent(rel, 'file', 4000)).toBe(true);
    expect(scanContent(rel, readFileSync(path))).toEqual([
      {
        kind: 'packages',
        manager: 'npm',
        path: `/${rel}`,
        packages: [{ name: json.name, version: json.version, root: '/app/node_modules/vitest' }],
      },
    ]);
  });

  it('a scoped package counts; a package.json deeper inside a package does not', () => {
    expect(wantsContent('usr/lib/node_modules/@scope/pkg/package.json', 'file', 100)).toBe(true);
    expect(wantsContent('app/node_modules/pkg/dist/esm/package.json', 'file', 20)).toBe(false);
    expect(scanContent('app/node_modules/pkg/package.json', enc('{"type":"module"}'))).toEqual([]);
  });
});

describe('what the decode pass buffers', () => {
  it('databases under their caps; small text for secrets; not system trees, binaries or directories', () => {
    expect(wantsContent('var/lib/dpkg/status', 'file', 3_000_000)).toBe(true);
    expect(wantsContent('var/lib/dpkg/info/bash.list', 'file', 2000)).toBe(true);
    expect(wantsContent('lib/apk/db/installed', 'file', 100_000)).toBe(true);
    expect(wantsContent('usr/lib/python3.12/site-packages/x-1.dist-info/RECORD', 'file', 900)).toBe(true);
    expect(wantsContent('etc/app.conf', 'file', 900)).toBe(true);
    expect(wantsContent('etc/app.conf', 'file', 10 * 1024 * 1024)).toBe(false);
    expect(wantsContent('usr/share/doc/bash/README', 'file', 900)).toBe(false);
    expect(wantsContent('usr/share/app/server.key', 'file', 900)).toBe(true);
    expect(wantsContent('usr/lib/x86_64-linux-gnu/libz.so.1.2.13', 'file', 900)).toBe(false);
    expect(wantsContent('usr/lib/x86_64-linux-gnu/perl-base/Cwd.pm', 'file', 900)).toBe(false);
    expect(wantsContent('usr/local/lib/app/settings.py', 'file', 900)).toBe(true);
    expect(wantsContent('etc', 'dir', 0)).toBe(false);
    expect(wantsContent('etc/ssl/cert.pem', 'symlink', 0)).toBe(false);
  });
});
