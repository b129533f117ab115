import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { file, imageOf, whiteout } from '../test-entries.js';
import { adviseImage } from './advise.js';
import { reconstructDockerfile } from './dockerfile.js';
import { adviceFor, only } from './test-image.js';

describe('advice as a whole', () => {
  it('claims every byte once: overlapping rules never add up to more than the layers store', () => {
    const findings = adviceFor([
      ['RUN apt-get update', [file('var/lib/apt/lists/p', 4_000_000)]],
      ['RUN apt-get install -y x && chmod 600 /etc/x', [file('usr/bin/x', 100), file('etc/x', 5)]],
      ['RUN chmod 644 /usr/bin/x', [file('usr/bin/x', 100, { mode: 0o644 })]],
      ['RUN rm -rf /var/lib/apt/lists/*', [whiteout('var/lib/apt/lists/p')]],
    ]);
    const total = findings.reduce((n, f) => n + f.recoverableBytes, 0);
    expect(total).toBe(4_000_000 + 100);
    expect(findings[0]?.rule).toBe('package-leftovers');
  });

  it('a good image gets nothing above info', () => {
    const findings = adviceFor([
      ['RUN install-app && rm -rf /tmp/build', [file('usr/local/bin/app', 1_000_000)]],
      'USER 1000',
      ['COPY --chmod=755 file:x in /usr/local/bin/run', [file('usr/local/bin/run', 300)]],
      'CMD ["run"]',
    ]);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('reconstructs FROM from the OCI base annotation, else a placeholder', () => {
    const input = imageOf(
      [[file('a', 1)], [file('b', 2)]],
      [
        { created: '2024-01-01T00:00:00Z', created_by: 'ADD rootfs /' },
        { created: '2024-01-01T00:00:00Z', created_by: 'CMD ["bash"]', empty_layer: true },
        { created: '2024-06-01T00:00:00Z', created_by: 'RUN make' },
      ],
    );
    expect(reconstructDockerfile(analyzeImage(input, 't').report).header.at(-1)).toBe('FROM <base>');
    input.annotations = { 'org.opencontainers.image.base.name': 'debian:12' };
    const known = reconstructDockerfile(analyzeImage(input, 't').report);
    expect(known.header).toEqual(['FROM debian:12']);
    expect(known.lines.map((l) => l.text)).toEqual(['RUN make']);
    expect(adviseImage(analyzeImage(input, 't'))).toEqual([]);
  });
});

describe('finding file lists', () => {
  it('count every file and its bytes while listing only the ten biggest', () => {
    const files = Array.from({ length: 14 }, (_, i) => file(`tmp/f${i}`, 1000 + i));
    const f = only(adviceFor([['RUN make > /tmp/log', files]]), 'package-leftovers');
    expect(f.files).toHaveLength(10);
    expect(f.fileCount).toBe(14);
    expect(f.filesBytes).toBe(14 * 1000 + (13 * 14) / 2);
  });
});
