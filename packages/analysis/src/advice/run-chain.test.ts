import { describe, expect, it } from 'vitest';
import { file } from '../test-entries.js';
import { adviceFor, body, only } from './test-image.js';

describe('consecutive RUN chain (DL3059)', () => {
  it('is info when it saves no bytes, and merges the chain into one RUN', () => {
    const f = only(
      adviceFor([
        ['RUN mkdir -p /srv', [file('srv/a', 10)]],
        ['RUN echo ok > /srv/health', [file('srv/health', 3)]],
        'ENV A=1',
        ['RUN echo separate > /srv/b', [file('srv/b', 9)]],
      ]),
      'run-chain',
    );
    expect(f).toMatchObject({ severity: 'info', layers: [1, 2], recoverableBytes: 0 });
    expect(body(f.fix.after)).toEqual([
      'RUN mkdir -p /srv \\',
      '    && echo ok > /srv/health',
      'ENV A=1',
      'RUN echo separate > /srv/b',
    ]);
  });

  it('says what merging a dependency install costs (cache reuse)', () => {
    const f = only(
      adviceFor([
        ['RUN apk add --no-cache curl', [file('usr/bin/curl', 100)]],
        ['RUN curl --version > /version', [file('version', 20)]],
      ]),
      'run-chain',
    );
    expect(f.explanation).toMatch(/Caveat: layer 1 installs dependencies/);
  });
});
