import { describe, expect, it } from 'vitest';
import { file } from '../test-entries.js';
import { adviceWithContent, only } from './test-image.js';

const status = (...pkgs: string[]): string =>
  pkgs
    .map((p) => `Package: ${p}\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n`)
    .join('\n');

describe('advice with packages', () => {
  it('the multi-stage finding names the build-only packages and the bytes each keeps', () => {
    const f = only(
      adviceWithContent([
        ['ADD file:base in /', [file('bin/sh', 100), ['var/lib/dpkg/status', status('base-files')]]],
        [
          'RUN apt-get install -y gcc-12 cpp-12',
          [
            file('usr/lib/gcc/x86_64-linux-gnu/12/cc1', 30_000_000),
            file('usr/bin/cpp-12', 1_500_000),
            ['var/lib/dpkg/status', status('base-files', 'gcc-12', 'cpp-12')],
            ['var/lib/dpkg/info/gcc-12.list', '/usr\n/usr/lib/gcc/x86_64-linux-gnu/12/cc1\n'],
            ['var/lib/dpkg/info/cpp-12.list', '/usr/bin/cpp-12\n'],
          ],
        ],
        ['COPY file:src in /src/main.c', [file('src/main.c', 2_000)]],
        ['RUN gcc -o /usr/local/bin/app /src/main.c', [file('usr/local/bin/app', 800_000)]],
      ]),
      'multi-stage',
    );
    expect(f.explanation).toContain('Build-only packages: gcc-12 (dpkg, 30 MB), cpp-12 (dpkg, 1.5 MB).');
  });

  it('the leftovers finding counts the packages each manager installed in those layers', () => {
    const f = only(
      adviceWithContent([
        ['ADD file:base in /', [file('bin/sh', 100), ['var/lib/dpkg/status', status('base-files')]]],
        [
          'RUN apt-get update && apt-get install -y curl libcurl4',
          [
            file('var/lib/apt/lists/deb.debian.org_dists_bookworm_main_binary-amd64_Packages', 9_000_000),
            ['var/lib/dpkg/status', status('base-files', 'curl', 'libcurl4')],
          ],
        ],
      ]),
      'package-leftovers',
    );
    expect(f.explanation).toContain('This layer installs 2 dpkg package(s).');
  });
});
