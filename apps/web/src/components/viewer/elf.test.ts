import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseElf, type Read } from './elf.js';

const reader = (path: string): Read => {
  const data = readFileSync(path);
  return async (offset, length) => new Uint8Array(data.subarray(offset, offset + length));
};

/** binutils' readelf as the reference: NEEDED entries, interpreter, symtab, machine. */
function readelf(path: string) {
  const dyn = execFileSync('readelf', ['-d', '-W', path], { encoding: 'utf8' });
  const prog = execFileSync('readelf', ['-l', '-W', path], { encoding: 'utf8' });
  const sections = execFileSync('readelf', ['-S', '-W', path], { encoding: 'utf8' });
  const head = execFileSync('readelf', ['-h', '-W', path], { encoding: 'utf8' });
  return {
    needed: [...dyn.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]),
    interpreter: /Requesting program interpreter: ([^\]]+)\]/.exec(prog)?.[1],
    symtab: /\s\.symtab\s/.test(sections),
    class: /Class:\s+ELF(\d+)/.exec(head)?.[1],
  };
}

describe('ELF summary', () => {
  for (const path of ['/bin/ls', '/usr/lib/x86_64-linux-gnu/libc.so.6', '/bin/busybox']) {
    it(`${path}: what readelf says`, async () => {
      const ours = await parseElf(reader(path));
      const ref = readelf(path);
      expect(ours.needed).toEqual(ref.needed);
      expect(ours.interpreter).toBe(ref.interpreter);
      expect(ours.stripped).toBe(!ref.symtab);
      expect(String(ours.bits)).toBe(ref.class);
      expect(ours.machine).toBe('x86-64');
    });
  }

  it('busybox-static is static; ls is dynamic through ld-linux', async () => {
    expect((await parseElf(reader('/bin/busybox'))).linking).toBe('static');
    expect(await parseElf(reader('/bin/ls'))).toMatchObject({
      linking: 'dynamic',
      type: 'shared object / PIE',
    });
  });
});
