import { describe, expect, it } from 'vitest';
import { file, whiteout } from '../test-entries.js';
import { matchSecret } from './secret-paths.js';
import { adviceFor, body, only } from './test-image.js';

describe('secrets in layers', () => {
  it('a key deleted later is still in its layer: high, says which layer holds it', () => {
    const f = only(
      adviceFor([
        ['COPY file:k in /root/.ssh/id_rsa', [file('root/.ssh/id_rsa', 1_700)]],
        ['RUN git clone git@example.com:x.git /src', [file('src/x', 10)]],
        ['RUN rm /root/.ssh/id_rsa', [whiteout('root/.ssh/id_rsa')]],
      ]),
      'secrets',
    );
    expect(f).toMatchObject({ severity: 'high', recoverableBytes: 0, layers: [1, 3] });
    expect(f.explanation).toMatch(
      /\/root\/.ssh\/id_rsa: SSH private key \(removed by layer 3, but layer 1 .* still holds it\)/,
    );
    expect(f.fix.dockerignore).toBe('**/id_rsa\n');
    expect(body(f.fix.after)).toEqual([
      '# removed: COPY file:k in /root/.ssh/id_rsa (a credential; pass it as a build secret instead)',
      'RUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa git clone git@example.com:x.git /src',
    ]);
  });

  it('judges by name: credentials yes, public certificates and examples no', () => {
    expect(matchSecret('/app/.env')?.confidence).toBe('certain');
    expect(matchSecret('/root/.npmrc')?.label).toMatch(/npm/);
    expect(matchSecret('/root/.aws/credentials')).toBeDefined();
    expect(matchSecret('/srv/tls/server.key')?.confidence).toBe('possible');
    expect(matchSecret('/app/.env.example')).toBeUndefined();
    expect(matchSecret('/etc/ssl/certs/ca.pem')).toBeUndefined();
    expect(matchSecret('/root/.ssh/id_rsa.pub')).toBeUndefined();
  });
});
