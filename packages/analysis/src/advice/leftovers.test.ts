import { describe, expect, it } from 'vitest';
import { dir, file, whiteout } from '../test-entries.js';
import { adviceFor, body, only } from './test-image.js';

describe('package manager leftovers', () => {
  it('apt: moves the update into the install RUN, cleans there and drops the late cleanup (DL3009)', () => {
    const findings = adviceFor([
      [
        'RUN apt-get update',
        [
          file('var/lib/apt/lists/deb_Packages', 40_000_000),
          file('var/cache/apt/pkgcache.bin', 20_000_000, { contentHash: 'c1' }),
        ],
      ],
      [
        'RUN apt-get install -y curl',
        [
          file('usr/bin/curl', 300_000),
          file('var/cache/apt/pkgcache.bin', 20_000_000, { contentHash: 'c2' }),
          file('var/cache/apt/archives/curl.deb', 250_000),
        ],
      ],
      [
        'RUN rm -rf /var/lib/apt/lists/*',
        [dir('var/lib/apt/lists'), whiteout('var/lib/apt/lists/deb_Packages')],
      ],
    ]);
    const f = only(findings, 'package-leftovers');
    expect(f.recoverableBytes).toBe(40_000_000 + 20_000_000 + 20_000_000 + 250_000);
    expect(f.explanation).toMatch(/DL3009/);
    expect(body(f.fix.after)).toEqual([
      'RUN apt-get update \\',
      '    && apt-get install -y curl \\',
      '    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /var/cache/apt/*.bin',
    ]);
    // The bytes are claimed once: the late cleanup is not also counted as cleanup-later.
    expect(findings.find((x) => x.rule === 'cleanup-later')).toBeUndefined();
  });

  it('apk and pip: the no-cache flags (DL3019, DL3042); /tmp: a cleanup', () => {
    const f = only(
      adviceFor([
        ['RUN apk add curl', [file('var/cache/apk/APKINDEX.tar.gz', 2_000_000)]],
        [
          'RUN pip install flask && echo x > /tmp/x',
          [file('root/.cache/pip/http/a', 3_000_000), file('tmp/x', 2)],
        ],
      ]),
      'package-leftovers',
    );
    expect(body(f.fix.after)).toEqual([
      'RUN apk add --no-cache curl',
      'RUN pip install --no-cache-dir flask && echo x > /tmp/x \\',
      '    && rm -rf /tmp/*',
    ]);
    expect(f.explanation).toMatch(/DL3019, DL3042/);
  });
});

describe('package manager leftovers: the late cleanup', () => {
  it('drops a later `RUN rm -rf /var/lib/apt/lists/*` that the fixed RUN now covers, even when it also removes older files', () => {
    const findings = adviceFor([
      ['COPY old /var/lib/apt/lists/old', [file('var/lib/apt/lists/old', 500)]],
      [
        'RUN apt-get update && apt-get install -y curl',
        [file('var/lib/apt/lists/deb_Packages', 40_000_000), file('usr/bin/curl', 300_000)],
      ],
      [
        'RUN rm -rf /var/lib/apt/lists/*',
        [
          dir('var/lib/apt/lists'),
          whiteout('var/lib/apt/lists/deb_Packages'),
          whiteout('var/lib/apt/lists/old'),
        ],
      ],
      ['RUN rm -rf /var/lib/apt/lists/* /tmp/build', [dir('var/lib/apt/lists')]],
    ]);
    const f = only(findings, 'package-leftovers');
    expect(body(f.fix.after)).toEqual([
      'COPY old /var/lib/apt/lists/old',
      'RUN apt-get update && apt-get install -y curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN rm -rf /var/lib/apt/lists/* /tmp/build',
    ]);
  });
});
