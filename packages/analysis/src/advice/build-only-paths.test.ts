import { describe, expect, it } from 'vitest';
import { PathTable } from '../path-table.js';
import { isBuildOnly, toolchainLabel, toolchainLabelOf } from './build-only-paths.js';

const PATHS = [
  '/usr/bin/gcc',
  '/usr/bin/x86_64-linux-gnu-gcc-12',
  '/usr/local/bin/clang++',
  '/usr/bin/ld.gold',
  '/usr/bin/makefoo',
  '/usr/bin/bash',
  '/usr/lib/x86_64-linux-gnu/libc.a',
  '/lib64/deep/er/y.a',
  '/usr/lib/gcc/x86_64-linux-gnu/12/cc1',
  '/usr/include/stdio.h',
  '/usr/local/go/bin/go',
  '/root/.cargo/bin/cargo',
  '/usr/lib/jvm/java-17-openjdk-amd64/bin/javac',
  '/usr/share/maven/lib/a.jar',
  '/x.a',
  '/app/main.c',
  '/etc/passwd',
];

describe('build-only paths', () => {
  it('names toolchains by directory or by the whole path', () => {
    expect(PATHS.map((p) => [p, toolchainLabel(p) ?? null])).toEqual([
      ['/usr/bin/gcc', 'compilers and binutils'],
      ['/usr/bin/x86_64-linux-gnu-gcc-12', 'compilers and binutils'],
      ['/usr/local/bin/clang++', 'compilers and binutils'],
      ['/usr/bin/ld.gold', 'compilers and binutils'],
      ['/usr/bin/makefoo', null],
      ['/usr/bin/bash', null],
      ['/usr/lib/x86_64-linux-gnu/libc.a', 'static libraries'],
      ['/lib64/deep/er/y.a', 'static libraries'],
      ['/usr/lib/gcc/x86_64-linux-gnu/12/cc1', 'GCC'],
      ['/usr/include/stdio.h', 'C headers'],
      ['/usr/local/go/bin/go', 'Go toolchain'],
      ['/root/.cargo/bin/cargo', 'Rust toolchain'],
      ['/usr/lib/jvm/java-17-openjdk-amd64/bin/javac', 'JDK'],
      ['/usr/share/maven/lib/a.jar', 'Maven/Gradle'],
      ['/x.a', null],
      ['/app/main.c', null],
      ['/etc/passwd', null],
    ]);
    expect(isBuildOnly('/app/main.c')).toBe(true);
    expect(isBuildOnly('/etc/passwd')).toBe(false);
  });

  it('by path id, the same labels as by path string', () => {
    const table = new PathTable();
    const ids = PATHS.map((p) =>
      p
        .split('/')
        .slice(1)
        .reduce((dir, name) => table.intern(dir, name), 0),
    );
    expect(ids.map((id) => toolchainLabelOf(table, id))).toEqual(PATHS.map((p) => toolchainLabel(p)));
  });
});
