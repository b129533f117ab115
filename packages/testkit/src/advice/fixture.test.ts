/**
 * Issue 6 on the public dive fixture test-docker-image (FROM busybox, ADD, then RUN mkdir, cp,
 * chmod 444, cp, cp, mv, cp, rm -rf, ADD, cp, cp, chmod +x): the chmod layers and the mv/cp
 * chain are found, and the fixed Dockerfile is shown.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '@strata/analysis';
import { diveFixture } from '../fixtures.js';
import { analyzeArchive } from './recipe-advice.js';

const advice = async (): Promise<Finding[]> =>
  (await analyzeArchive(diveFixture('test-docker-image.tar'))).advice;
const only = (findings: Finding[], rule: Finding['rule']): Finding[] =>
  findings.filter((f) => f.rule === rule);

describe('advice on test-docker-image', () => {
  it('finds the chmod layers: the chmod goes into the RUN that made the file', async () => {
    const [f] = only(await advice(), 'metadata-rewrite');
    expect(f).toMatchObject({
      layers: [3, 4, 7, 13],
      instructions: [4, 5, 8, 14],
      recoverableBytes: 2 * 6405,
    });
    expect(f?.fix.after).toContain(
      'RUN cp /somefile.txt /root/example/somefile1.txt \\\n    && chmod 444 /root/example/somefile1.txt\n',
    );
    expect(f?.fix.after).toContain(
      'RUN mv /root/example/somefile3.txt /root/saved.txt \\\n    && chmod +x /root/saved.txt\n',
    );
    expect(f?.fix.after).not.toMatch(/^RUN chmod/m);
  });

  it('finds the cp/mv/rm chain: files written and deleted later, one RUN chain', async () => {
    const findings = await advice();
    const [late] = only(findings, 'cleanup-later');
    expect(late).toMatchObject({ layers: [4, 5, 6, 7, 9], recoverableBytes: 3 * 6405 });
    expect(late?.files.map((x) => x.path)).toEqual([
      '/root/example/somefile1.txt',
      '/root/example/somefile2.txt',
      '/root/example/somefile3.txt',
    ]);
    expect(late?.fix.after).toContain(
      [
        'RUN chmod 444 /root/example/somefile1.txt \\',
        '    && cp /somefile.txt /root/example/somefile2.txt \\',
        '    && cp /somefile.txt /root/example/somefile3.txt \\',
        '    && mv /root/example/somefile3.txt /root/saved.txt \\',
        '    && cp /root/saved.txt /root/.saved.txt \\',
        '    && rm -rf /root/example/',
      ].join('\n'),
    );
    const chains = only(findings, 'run-chain').map((f) => f.layers);
    expect(chains).toEqual([
      [2, 3, 4, 5, 6, 7, 8, 9],
      [11, 12, 13],
    ]);
  });

  it('shows the Dockerfile from history, base as a placeholder', async () => {
    const [f] = await advice();
    expect(f?.fix.before.split('\n').slice(0, 6)).toEqual([
      '# Reconstructed from the image history; the image does not record its base image.',
      "# base (dive's layer 0): ADD file:ce026b62356eec3ad1214f92be2c9dc063fe205bd5e600be3492c4dfb17148bd in /",
      '# base (dive\'s layer 0): CMD ["sh"]',
      'FROM <base>',
      'ADD file:139c3708fb6261126453e34483abd8bf7b26ed16d952fd976994d68e72d93be2 in /somefile.txt',
      'RUN mkdir -p /root/example/really/nested',
    ]);
  });
});
