import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDpkgList, parseDpkgStatus } from './dpkg.js';

/** What Debian's own dpkg-query reports for an admin dir: installed packages, sorted. */
function dpkgQuery(admindir: string): string[] {
  const out = execFileSync(
    'dpkg-query',
    [
      `--admindir=${admindir}`,
      '-W',
      '-f',
      '${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\t${Installed-Size}\n',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return out
    .split('\n')
    .filter((l) => l.startsWith('installed\t'))
    .map((l) => l.split('\t').slice(1).join('\t'))
    .sort();
}

describe('dpkg status', () => {
  it("gives the packages, versions, architectures and sizes dpkg-query reports for this machine's database", () => {
    const finding = parseDpkgStatus('/var/lib/dpkg/status', readFileSync('/var/lib/dpkg/status', 'utf8'));
    const ours = finding.packages
      .map((p) => [p.name, p.version, p.arch, (p.declaredBytes ?? 0) / 1024].join('\t'))
      .sort();
    const theirs = dpkgQuery('/var/lib/dpkg');
    expect(theirs.length).toBeGreaterThan(50);
    expect(ours).toEqual(theirs);
  });

  it('skips packages not installed (removed with config files left, half-installed)', () => {
    const text = [
      'Package: a\nStatus: install ok installed\nVersion: 1:2.3-4\nArchitecture: amd64\nInstalled-Size: 10\nDescription: x\n multi\n line',
      'Package: b\nStatus: deinstall ok config-files\nVersion: 1',
      'Package: c\nStatus: install reinstreq half-installed\nVersion: 1',
    ].join('\n\n');
    expect(parseDpkgStatus('/var/lib/dpkg/status', text).packages).toEqual([
      { name: 'a', version: '1:2.3-4', arch: 'amd64', declaredBytes: 10 * 1024 },
    ]);
  });

  it('reads a list file: the package from its name, its paths', () => {
    const f = parseDpkgList(
      '/var/lib/dpkg/info/libc6:amd64.list',
      '/.\n/etc\n/etc/ld.so.conf.d\n/lib/x86_64-linux-gnu/libc.so.6\n',
    );
    expect(f).toMatchObject({
      package: 'libc6:amd64',
      files: ['/etc', '/etc/ld.so.conf.d', '/lib/x86_64-linux-gnu/libc.so.6'],
    });
  });
});
