import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { file, symlink, whiteout } from '../test-entries.js';
import { adviceWithContent } from './test-image.js';
import type { Finding } from './types.js';

const secretsOf = (findings: Finding[]): Finding[] => findings.filter((f) => f.rule === 'secrets');
const key = `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ${'Q'.repeat(40)}\n-----END OPENSSH PRIVATE KEY-----\n`;
const token = `ghp_${'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hI6'}`;

describe('secrets advice, by content', () => {
  it('a key under an innocuous name, a token in a config, both found, values never in the advice', () => {
    const found = secretsOf(
      adviceWithContent([
        ['ADD file:base in /', [file('bin/sh', 100)]],
        ['COPY notes.txt /opt/notes.txt', [['opt/notes.txt', `keep this\n${key}`]]],
        ['COPY app.yaml /etc/app.yaml', [['etc/app.yaml', `name: app\ngithub_token: ${token}\n`]]],
        ['RUN rm /opt/notes.txt', [whiteout('opt/notes.txt')]],
      ]),
    );
    expect(found).toHaveLength(1);
    const f = found[0] as Finding;
    expect(f).toMatchObject({ severity: 'high', layers: [1, 2, 3] });
    expect(f.explanation).toMatch(
      /\/opt\/notes.txt: OpenSSH private key \[line 2, fingerprint [0-9a-f]{8}\] \(removed by layer 3/,
    );
    expect(f.explanation).toMatch(/\/etc\/app.yaml: GitHub token \[line 2, fingerprint [0-9a-f]{8}\]/);
    const json = JSON.stringify(f);
    expect(json).not.toContain(token);
    expect(json).not.toContain('b3BlbnNzaC1rZXktdjE');
  });

  it("Debian's /usr/lib/ssl/cert.pem (a link to the bundle) and a CA bundle file are not flagged", () => {
    const bundle = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8').slice(0, 20_000);
    const found = secretsOf(
      adviceWithContent([
        ['ADD file:base in /', [file('bin/sh', 100)]],
        [
          'RUN apt-get install ca-certificates',
          [
            symlink('usr/lib/ssl/cert.pem', '/etc/ssl/certs/ca-certificates.crt'),
            ['srv/tls/chain.pem', bundle],
          ],
        ],
      ]),
    );
    expect(found).toEqual([]);
  });

  it('a name alone stays, at lower confidence, when the content says nothing', () => {
    const found = secretsOf(
      adviceWithContent([
        ['ADD file:base in /', [file('bin/sh', 100)]],
        ['COPY server.key /srv/server.key', [['srv/server.key', 'not a key, a placeholder\n']]],
      ]),
    );
    expect(found).toMatchObject([{ severity: 'medium', files: [{ path: '/srv/server.key', layer: 1 }] }]);
    expect(found[0]?.explanation).toMatch(/contents show none/);
  });
});
