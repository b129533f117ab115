import { describe, expect, it } from 'vitest';
import { analyzeImage } from './analyze.js';
import { indexFromEntries } from './layer-index/from-entries.js';
import { OPAQUE, nodePath } from './layer-index/layer-index.js';
import { changeList } from './stack.js';
import { dir, file, imageOf, opaque, symlink, whiteout } from './test-entries.js';

const analyze = (layers: Parameters<typeof imageOf>[0]) => analyzeImage(imageOf(layers), 'test');

describe('layer trees', () => {
  it('counts nodes as dive does: implied parents and whiteouts, not opaque markers', () => {
    const identity = { digest: 'sha256:l', diffId: 'sha256:d', compressedSize: 1, mediaType: 'x' };
    const index = indexFromEntries(
      [file('a/b/c.txt', 5), whiteout('a/gone'), opaque('x'), dir('a')],
      identity,
    );
    // a, a/b, a/b/c.txt, a/gone (whiteout), x (parent of the marker)
    expect(index.nodeCount - 1).toBe(5);
    expect(index.sizeBytes).toBe(5);
    const x = [...Array(index.nodeCount).keys()].find((v) => nodePath(index, v) === 'x') as number;
    expect(index.nodeFlags[x]! & OPAQUE).toBe(OPAQUE);
  });
});

describe('change sets', () => {
  it('marks added, modified (content, mode, owner, link target), unmodified and removed', () => {
    const { report, stack } = analyze([
      [
        dir('etc'),
        file('etc/a', 10),
        file('etc/b', 20),
        file('etc/c', 30),
        symlink('etc/l', 'a'),
        file('etc/d', 1),
      ],
      [
        file('etc/a', 11),
        file('etc/b', 20, { mode: 0o600 }),
        file('etc/c', 30),
        symlink('etc/l', 'b'),
        whiteout('etc/d'),
        file('etc/e', 5),
      ],
    ]);
    const status = Object.fromEntries(changeList(stack, 1).map((c) => [c.path, c.status]));
    expect(status).toEqual({
      '/etc': 'unmodified',
      '/etc/a': 'modified',
      '/etc/b': 'modified',
      '/etc/c': 'unmodified',
      '/etc/l': 'modified',
      '/etc/d': 'removed',
      '/etc/e': 'added',
    });
    expect(report.layers[1]).toMatchObject({
      added: { count: 1, bytes: 5 },
      modified: { count: 3, bytes: 31 },
      removed: { count: 1, bytes: 1 },
      unmodified: { count: 1, bytes: 30 },
    });
  });

  it('an opaque whiteout hides everything below in that directory (dive ignores it)', () => {
    const { report, stack } = analyze([
      [file('app/old1', 100), file('app/old2', 200), file('keep', 1)],
      [dir('app'), opaque('app'), file('app/new', 7)],
    ]);
    const app = stack.paths.find('/app');
    expect([...stack.liveChildrenOf(app)].map((g) => stack.paths.names[g])).toEqual(['new']);
    expect(report.layers[1]?.removed).toEqual({ count: 2, bytes: 300 });
    expect(report.image.recoverableBytes).toBe(300);
    expect(report.image.fileCount).toBe(2);
  });

  it('an opaque directory with nothing new in it still hides what is below (rm -rf dir/*)', () => {
    const { report, stack } = analyze([
      [file('app/old1', 100), file('app/sub/old2', 200), file('keep', 1)],
      [opaque('app')],
    ]);
    expect([...stack.liveChildrenOf(stack.paths.find('/app'))]).toEqual([]);
    expect(report.layers[1]?.removed).toEqual({ count: 2, bytes: 300 });
    expect(report.image.fileCount).toBe(1);
  });

  it('walks a tree thousands of levels deep without recursion', () => {
    const deep = Array.from({ length: 5000 }, (_, i) => `d${i}`).join('/');
    const { report } = analyze([[file(`${deep}/leaf`, 9)], [whiteout('d0')]]);
    expect(report.layers[1]?.removed).toEqual({ count: 1, bytes: 9 });
    expect(report.image.recoverableBytes).toBe(9);
  });

  it('a removed directory counts its files as recoverable, dive counts it once', () => {
    const { report, efficiency } = analyze([
      [file('base', 1)],
      [file('cache/a', 40), file('cache/b', 60)],
      [whiteout('cache')],
    ]);
    expect(report.layers[2]?.removed).toEqual({ count: 2, bytes: 100 });
    expect(report.image.recoverableBytes).toBe(100);
    // dive: /cache is a leaf once (size 100): never inefficient.
    expect(report.inefficientFiles).toEqual([]);
    expect(efficiency.cumulativeBytes).toBe(1 + 40 + 60 + 100);
  });
});

describe('dive efficiency', () => {
  it('sums occurrences per path; the smallest one is what is needed', () => {
    const { report, efficiency } = analyze([
      [file('a', 100), file('b', 5)],
      [file('a', 100, { mode: 0o755 })],
      [whiteout('b')],
    ]);
    expect(efficiency.minimumBytes).toBe(100 + 0);
    expect(efficiency.cumulativeBytes).toBe(200 + 5);
    expect(report.image.efficiency).toBe(100 / 205);
    expect(report.inefficientFiles).toEqual([
      { path: '/a', count: 2, bytes: 200, layers: [0, 1] },
      { path: '/b', count: 2, bytes: 5, layers: [0, 2] },
    ]);
    expect(report.image.wastedBytes).toBe(205);
    expect(report.image.userSizeBytes).toBe(100);
    expect(report.image.wastedUserPercent).toBe(2.05);
  });

  it('ignores only a whiteout whose target does not exist (dive drops the rest of the layer)', () => {
    const { report, efficiency } = analyze([
      [file('a', 10)],
      [whiteout('never-there'), file('a', 10), file('z', 3)],
    ]);
    expect(efficiency.pathCount).toBe(2);
    expect(report.inefficientFiles.map((f) => f.path)).toEqual(['/a']);
    expect(report.layers[1]?.files).toBe(3);
  });

  it('an image without user bytes has no wastedUserPercent', () => {
    const { report } = analyze([[file('a', 10)]]);
    expect(report.image.wastedUserPercent).toBeNull();
    expect(report.image.efficiency).toBe(1);
  });
});

describe('history', () => {
  it('keeps empty entries in place and maps the rest to layers', () => {
    const input = imageOf(
      [[file('a', 1)], [file('b', 1)]],
      [
        { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
        { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
        { created_by: 'RUN /bin/sh -c apk add curl # buildkit' },
      ],
    );
    const { report } = analyzeImage(input, 'test');
    expect(report.history.map((h) => h.layerIndex)).toEqual([0, null, 1]);
    expect(report.layers.map((l) => l.historyIndex)).toEqual([0, 2]);
    expect(report.layers[1]?.instruction).toEqual({
      kind: 'RUN',
      text: 'RUN apk add curl',
      raw: 'RUN /bin/sh -c apk add curl # buildkit',
    });
  });

  it('names a layer without history (missing) as dive does', () => {
    const { report } = analyzeImage(
      imageOf([[file('a', 1)], [file('b', 1)]], [{ created_by: 'ADD x /' }]),
      'test',
    );
    expect(report.layers[1]?.command).toBe('(missing)');
  });

  it('finds the base image boundary from the OCI base annotations and created times', () => {
    const input = imageOf(
      [[file('a', 1)], [file('b', 1)], [file('c', 1)]],
      [
        { created: '2024-01-01T00:00:00Z', created_by: 'ADD rootfs /' },
        { created: '2024-01-01T00:00:01Z', created_by: 'RUN base-step' },
        { created: '2024-01-01T00:00:01Z', created_by: 'CMD ["sh"]', empty_layer: true },
        { created: '2024-06-01T10:00:00Z', created_by: 'RUN app-step' },
      ],
    );
    input.annotations = { 'org.opencontainers.image.base.name': 'docker.io/library/debian:12' };
    const { report } = analyzeImage(input, 'test');
    expect(report.image.baseImage).toEqual({
      layerCount: 2,
      source: 'annotation',
      name: 'docker.io/library/debian:12',
    });
    expect(report.layers.map((l) => l.inBaseImage)).toEqual([true, true, false]);
  });
});
