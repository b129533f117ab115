import { describe, expect, it } from 'vitest';
import { file } from '../test-entries.js';
import { adviceFor, body, only } from './test-image.js';

describe('duplicate content', () => {
  it('cp to a second path -> ln -s; copies it cannot rewrite are listed, not counted', () => {
    const f = only(
      adviceFor([
        ['RUN fetch > /opt/blob', [file('opt/blob', 1_000_000, { contentHash: 'same' })]],
        ['RUN cp /opt/blob /srv/blob', [file('srv/blob', 1_000_000, { contentHash: 'same' })]],
        ['COPY file:x in /srv/other', [file('srv/other', 1_000_000, { contentHash: 'same' })]],
      ]),
      'duplicate-content',
    );
    expect(f.recoverableBytes).toBe(1_000_000);
    expect(f.files.map((x) => x.path).sort()).toEqual(['/srv/blob', '/srv/other']);
    // Each copy names the one kept, and the counts cover every file, not only the listed ones.
    expect(f.files.map((x) => x.copyOf)).toEqual(['/opt/blob', '/opt/blob']);
    expect(f).toMatchObject({ fileCount: 2, filesBytes: 2_000_000 });
    expect(f.explanation).toMatch(/is a copy of \/opt\/blob/);
    expect(body(f.fix.after)).toContain('RUN ln -s /opt/blob /srv/blob');
  });
});
