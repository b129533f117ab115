import { describe, expect, it } from 'vitest';
import { file, whiteout } from '../test-entries.js';
import { adviceFor, body, only } from './test-image.js';

describe('cleanup in a later layer', () => {
  it('merges the RUN that writes with the RUN that deletes; bytes = what the earlier layer stores', () => {
    const findings = adviceFor([
      ['RUN wget -O /opt/app.tgz https://example.com/app.tgz', [file('opt/app.tgz', 5_000_000)]],
      ['RUN cd /opt && tar xzf app.tgz', [file('opt/app/bin', 2_000_000)]],
      ['RUN rm /opt/app.tgz', [whiteout('opt/app.tgz')]],
    ]);
    const f = only(findings, 'cleanup-later');
    expect(f).toMatchObject({
      layers: [1, 3],
      instructions: [1, 3],
      recoverableBytes: 5_000_000,
      severity: 'high',
    });
    expect(f.files).toEqual([{ path: '/opt/app.tgz', bytes: 5_000_000, layer: 1 }]);
    // cd runs in a subshell: it used to end with its RUN.
    expect(body(f.fix.after)).toEqual([
      'RUN wget -O /opt/app.tgz https://example.com/app.tgz \\',
      '    && (cd /opt && tar xzf app.tgz) \\',
      '    && rm /opt/app.tgz',
    ]);
  });

  it('counts overwritten files too, and suggests a build stage when a COPY sits between', () => {
    const findings = adviceFor([
      ['RUN make-config', [file('etc/app.conf', 300_000, { contentHash: 'v1' })]],
      ['COPY file:abc in /etc/app.conf', [file('etc/app.conf', 400_000, { contentHash: 'v2' })]],
    ]);
    const f = only(findings, 'cleanup-later');
    expect(f.recoverableBytes).toBe(300_000);
    expect(f.title).toMatch(/overwritten/);
    expect(f.fix.after).toMatch(/# Do this work in a build stage/);
  });
});
