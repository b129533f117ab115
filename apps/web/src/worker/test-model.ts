/**
 * A small hand-made CompactModel for tests: layer 0 adds /etc/{a,b} and /usr/big; layer 1
 * modifies /etc/a, removes /etc/b, adds the link /etc/l -> a.
 */
import type { CompactModel } from '@strata/analysis';

const D = 1; // TYPES index of 'dir'
const F = 0;
const L = 2;
const ADDED = 0;
const MODIFIED = 1;
const REMOVED = 2;

export function testModel(): CompactModel {
  return {
    v: 2,
    paths: ['/etc', '/etc/a', '/etc/b', '/usr', '/usr/big', '/etc/l'],
    parent: Int32Array.of(-1, 0, 0, -1, 3, 0),
    layers: [
      {
        node: Int32Array.of(0, 1, 2, 3, 4),
        status: Uint8Array.of(ADDED, ADDED, ADDED, ADDED, ADDED),
        type: Uint8Array.of(D, F, F, D, F),
        size: Float64Array.of(0, 10, 20, 0, 500),
        mode: Uint16Array.of(0o755, 0o644, 0o644, 0o755, 0o755),
        uid: Uint32Array.of(0, 0, 0, 0, 0),
        gid: Uint32Array.of(0, 0, 0, 0, 0),
        link: {},
      },
      {
        node: Int32Array.of(1, 2, 5),
        status: Uint8Array.of(MODIFIED, REMOVED, ADDED),
        type: Uint8Array.of(F, F, L),
        size: Float64Array.of(11, 20, 0),
        mode: Uint16Array.of(0o600, 0o644, 0o777),
        uid: Uint32Array.of(0, 0, 0),
        gid: Uint32Array.of(0, 0, 0),
        link: { 2: 'a' },
      },
    ],
  };
}
