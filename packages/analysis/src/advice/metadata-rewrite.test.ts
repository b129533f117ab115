import { describe, expect, it } from 'vitest';
import { file } from '../test-entries.js';
import { adviceFor, body, only } from './test-image.js';

describe('metadata-only rewrite', () => {
  it('COPY then chmod/chown: COPY --chmod --chown, the RUN goes', () => {
    const f = only(
      adviceFor([
        ['COPY file:abc in /opt/app.bin', [file('opt/app.bin', 2_000_000)]],
        [
          'RUN chmod 755 /opt/app.bin && chown 1000:1000 /opt/app.bin',
          [file('opt/app.bin', 2_000_000, { mode: 0o755, uid: 1000, gid: 1000 })],
        ],
      ]),
      'metadata-rewrite',
    );
    expect(f).toMatchObject({ layers: [1, 2], recoverableBytes: 2_000_000 });
    expect(body(f.fix.after)).toEqual(['COPY --chmod=755 --chown=1000:1000 file:abc in /opt/app.bin']);
  });

  it('RUN then chmod: the chmod joins the RUN that made the file', () => {
    const f = only(
      adviceFor([
        ['RUN make-tool > /opt/tool', [file('opt/tool', 500_000)]],
        'ENV X=1',
        ['RUN chmod +x /opt/tool', [file('opt/tool', 500_000, { mode: 0o755 })]],
      ]),
      'metadata-rewrite',
    );
    expect(body(f.fix.after)).toEqual([
      'RUN make-tool > /opt/tool \\',
      '    && chmod +x /opt/tool',
      'ENV X=1',
    ]);
  });

  it('a layer that also writes new content is not metadata-only', () => {
    const findings = adviceFor([
      ['RUN make-tool > /opt/tool', [file('opt/tool', 500_000)]],
      [
        'RUN chmod +x /opt/tool && make-more',
        [file('opt/tool', 500_000, { mode: 0o755 }), file('opt/more', 7)],
      ],
    ]);
    expect(findings.find((f) => f.rule === 'metadata-rewrite')).toBeUndefined();
  });
});
