import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { dir, file, imageOf, symlink, whiteout } from '../test-entries.js';
import { packModel, unpackModel } from './compact-model.js';

describe('the binary model', () => {
  it('carries every path once (parents first) and each layer’s changes with their attributes', () => {
    const analysis = analyzeImage(
      imageOf([
        [dir('etc'), file('etc/a', 10, { uid: 7 }), symlink('etc/l', 'a')],
        [file('etc/a', 11, { mode: 0o600 }), whiteout('etc/l'), file('usr/x', 3)],
      ]),
      'test',
    );
    const model = unpackModel(packModel(analysis));
    expect(model.paths).toEqual(['/etc', '/etc/a', '/etc/l', '/usr', '/usr/x']);
    expect(Array.from(model.parent)).toEqual([-1, 0, 0, -1, 3]);
    const [l0, l1] = model.layers;
    expect(Array.from(l0!.node)).toEqual([0, 1, 2]);
    expect(Array.from(l0!.uid)).toEqual([0, 7, 0]);
    expect(l0!.link).toEqual({ 2: 'a' });
    // layer 1: /etc implied (unmodified dir), /etc/a modified, /etc/l removed, /usr and /usr/x added
    const changes = Array.from(l1!.node, (n, i) => [model.paths[n], l1!.status[i], l1!.size[i], l1!.mode[i]]);
    expect(changes).toEqual([
      ['/etc', 3, 0, 0o755],
      ['/etc/a', 1, 11, 0o600],
      ['/etc/l', 2, 0, 0o777],
      ['/usr', 0, 0, 0o755],
      ['/usr/x', 0, 3, 0o644],
    ]);
  });

  it('refuses bytes that are not a model', () => {
    expect(() => unpackModel(new TextEncoder().encode('{"v":1}'))).toThrow('not a Strata document');
  });
});
