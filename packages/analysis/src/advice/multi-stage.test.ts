import { describe, expect, it } from 'vitest';
import { file } from '../test-entries.js';
import { adviceFor, body, only } from './test-image.js';

describe('multi-stage split', () => {
  it('a toolchain in the final image: build stage up to the build, runtime copies the artifacts', () => {
    const f = only(
      adviceFor([
        [
          'RUN apt-get install -y gcc',
          [file('usr/lib/gcc/x86_64-linux-gnu/12/cc1', 30_000_000), file('usr/include/stdio.h', 30_000)],
        ],
        ['COPY file:src in /src/main.c', [file('src/main.c', 2_000)]],
        [
          'RUN gcc -o /usr/local/bin/app /src/main.c',
          [file('usr/local/bin/app', 800_000), file('src/main.o', 9_000)],
        ],
        'CMD ["/usr/local/bin/app"]',
      ]),
      'multi-stage',
    );
    expect(f.recoverableBytes).toBe(30_000_000 + 30_000 + 2_000 + 9_000);
    expect(f.layers).toEqual([1, 2, 3]);
    expect(body(f.fix.after)).toEqual([
      'RUN apt-get install -y gcc',
      'COPY file:src in /src/main.c',
      'RUN gcc -o /usr/local/bin/app /src/main.c',
      '',
      'FROM <base>',
      'COPY --from=build /usr/local/bin/app /usr/local/bin/app',
      'CMD ["/usr/local/bin/app"]',
    ]);
    expect(f.fix.after).toMatch(/^FROM <base> AS build$/m);
  });
});
