import { describe, expect, it } from 'vitest';
import { diveCommand, parseInstruction } from './instruction.js';

describe('parseInstruction', () => {
  it.each([
    ['/bin/sh -c #(nop) ADD file:ce02 in / ', 'ADD', 'ADD file:ce02 in /'],
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD', 'CMD ["sh"]'],
    ['/bin/sh -c mkdir -p /root/example', 'RUN', 'RUN mkdir -p /root/example'],
    ['|2 VERSION=1.2 TARGET=x /bin/sh -c make install', 'RUN', 'RUN make install'],
    [
      'RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit',
      'RUN',
      'RUN apt-get update && apt-get install -y curl',
    ],
    ['RUN |1 A=b /bin/sh -c echo $A # buildkit', 'RUN', 'RUN echo $A'],
    ['COPY README.md /README.md # buildkit', 'COPY', 'COPY README.md /README.md'],
    ['ENV PATH=/usr/local/bin:/usr/bin', 'ENV', 'ENV PATH=/usr/local/bin:/usr/bin'],
    ['WORKDIR /app', 'WORKDIR', 'WORKDIR /app'],
    ['RUN mkdir -p /root/example/really/nested', 'RUN', 'RUN mkdir -p /root/example/really/nested'],
    ['/bin/busybox sh -c rm -f /big', 'RUN', 'RUN rm -f /big'],
    ['/bin/bash -o pipefail -c curl x | sh', 'RUN', 'RUN curl x | sh'],
    ['(missing)', 'UNKNOWN', '(missing)'],
    ['', 'UNKNOWN', ''],
  ])('%s', (raw, kind, text) => {
    const parsed = parseInstruction(raw);
    expect(parsed.kind).toBe(kind);
    expect(parsed.text).toBe(text);
    expect(parsed.raw).toBe(raw);
  });

  it('keeps build arguments and the shell of a RUN', () => {
    expect(parseInstruction('|2 A=1 B=two /bin/sh -c make')).toMatchObject({
      buildArgs: { A: '1', B: 'two' },
      shell: '/bin/sh -c',
    });
  });

  it('gives dive’s command column', () => {
    expect(diveCommand('/bin/sh -c #(nop) ADD file:x in / ')).toBe('#(nop) ADD file:x in / ');
    expect(diveCommand('RUN x # buildkit')).toBe('RUN x # buildkit');
  });
});
