import { describe, expect, it } from 'vitest';
import { file } from '../test-entries.js';
import { adviceFor, only } from './test-image.js';

describe('build context leaks', () => {
  it('.git, logs and editor files in a COPY layer -> .dockerignore lines', () => {
    const f = only(
      adviceFor([
        [
          'COPY dir:abc in /app',
          [
            file('app/main.js', 100),
            file('app/.git/objects/pack/p.pack', 900_000),
            file('app/npm-debug.log', 5_000),
            file('app/.main.js.swp', 4_096),
          ],
        ],
      ]),
      'context-leaks',
    );
    expect(f.recoverableBytes).toBe(900_000 + 5_000 + 4_096);
    expect(f.fix.dockerignore).toBe('**/*.log\n**/*.swp\n**/.git\n');
  });

  it('node_modules only when a later step installs them again', () => {
    const copied = ['COPY dir:abc in /app', [file('app/node_modules/x/index.js', 50_000)]] as const;
    expect(adviceFor([[copied[0], [...copied[1]]]]).find((f) => f.rule === 'context-leaks')).toBeUndefined();
    const f = only(
      adviceFor([
        [copied[0], [...copied[1]]],
        ['RUN npm ci', [file('app/node_modules/x/index.js', 50_001)]],
      ]),
      'context-leaks',
    );
    expect(f.fix.dockerignore).toBe('**/node_modules\n');
  });
});
