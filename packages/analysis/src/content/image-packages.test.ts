import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { file, imageOf, whiteout } from '../test-entries.js';
import type { LayerEntry } from '../types.js';
import { imagePackages, ownerOf } from './image-packages.js';
import { imageSecrets } from './image-secrets.js';
import { scanContent } from './scan.js';
import type { ContentFinding } from './types.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A layer's entries and the findings the analyzer gives for the documents among them. */
function layer(
  docs: Record<string, string>,
  extra: LayerEntry[] = [],
): { entries: LayerEntry[]; findings: ContentFinding[] } {
  const entries = Object.entries(docs).map(([p, text]) => file(p, text.length, { contentHash: `h-${text}` }));
  const findings = Object.entries(docs).flatMap(([p, text]) => scanContent(p, enc(text)));
  return { entries: [...entries, ...extra], findings };
}

function status(...pkgs: Array<[string, string, number]>): string {
  return pkgs
    .map(
      ([n, v, kib]) =>
        `Package: ${n}\nStatus: install ok installed\nVersion: ${v}\nArchitecture: amd64\nInstalled-Size: ${kib}\n`,
    )
    .join('\n');
}

function analyze(layers: Array<{ entries: LayerEntry[]; findings: ContentFinding[] }>) {
  const input = imageOf(layers.map((l) => l.entries));
  input.layers.forEach((l, i) => {
    l.findings = layers[i]?.findings ?? [];
    l.contentScanned = true;
  });
  return analyzeImage(input, 'test');
}

describe('packages per image', () => {
  const layers = [
    layer(
      {
        'var/lib/dpkg/status': status(['bash', '5.2-1', 100], ['curl', '7.88-1', 50]),
        'var/lib/dpkg/info/bash.list': '/.\n/bin\n/bin/bash\n',
      },
      [file('bin/bash', 1_000_000)],
    ),
    layer(
      {
        'var/lib/dpkg/status': status(
          ['bash', '5.2-1', 100],
          ['curl', '7.88-2', 50],
          ['gcc', '12.2-1', 40_000],
        ),
        'var/lib/dpkg/info/gcc.list': '/usr\n/usr/bin\n/usr/bin/gcc\n/usr/lib/gcc/cc1\n',
        'app/node_modules/left-pad/package.json': '{"name":"left-pad","version":"1.3.0"}',
      },
      [
        file('usr/bin/gcc', 30_000),
        file('usr/lib/gcc/cc1', 20_000_000),
        file('app/node_modules/left-pad/index.js', 400),
      ],
    ),
    layer({ 'var/lib/dpkg/status': status(['bash', '5.2-1', 100], ['curl', '7.88-2', 50]) }, [
      whiteout('usr/bin/gcc'),
      whiteout('usr/lib/gcc'),
      whiteout('var/lib/dpkg/info/gcc.list'),
      whiteout('app/node_modules/left-pad'),
    ]),
  ];
  const analysis = analyze(layers);
  const result = imagePackages(analysis.findings ?? [], analysis.stack);

  it('the final image: each package with the layer whose change made its version appear', () => {
    expect(result.packages).toEqual([
      { manager: 'dpkg', name: 'bash', version: '5.2-1', arch: 'amd64', layer: 0 },
      { manager: 'dpkg', name: 'curl', version: '7.88-2', arch: 'amd64', layer: 1 },
    ]);
  });

  it('per layer: added, upgraded and removed, with the bytes of the files the layer wrote or removed', () => {
    const [l0, l1, l2] = result.layers;
    expect(l0?.added).toEqual([
      { manager: 'dpkg', name: 'bash', version: '5.2-1', bytes: 1_000_000 },
      // no file list: the declared Installed-Size (KiB)
      { manager: 'dpkg', name: 'curl', version: '7.88-1', bytes: 50 * 1024 },
    ]);
    expect(l1?.upgraded).toEqual([
      { manager: 'dpkg', name: 'curl', version: '7.88-2', from: '7.88-1', bytes: 50 * 1024 },
    ]);
    expect(l1?.added).toEqual([
      { manager: 'dpkg', name: 'gcc', version: '12.2-1', bytes: 20_030_000 },
      { manager: 'npm', name: 'left-pad', version: '1.3.0', bytes: 400 + 37 },
    ]);
    expect(l2?.removed).toEqual([
      { manager: 'dpkg', name: 'gcc', version: '12.2-1', bytes: 20_030_000 },
      { manager: 'npm', name: 'left-pad', version: '1.3.0', bytes: 437 },
    ]);
    expect(l2?.added).toEqual([]);
  });

  it("each path's owning package", () => {
    expect(ownerOf(result, '/bin/bash')).toBe('dpkg:bash');
    expect(ownerOf(result, '/usr/bin/gcc')).toBeUndefined();
    const mid = imagePackages((analysis.findings ?? []).slice(0, 2), analyze(layers.slice(0, 2)).stack);
    expect(ownerOf(mid, '/usr/lib/gcc/cc1')).toBe('dpkg:gcc');
    expect(ownerOf(mid, '/app/node_modules/left-pad/index.js')).toBe('npm:/app/node_modules/left-pad');
    expect(ownerOf(mid, '/app/node_modules/left-pad/node_modules/x/index.js')).toBeUndefined();
  });
});

describe('secrets per image', () => {
  it('a key deleted by a later layer stays a finding of the layer that stores it', () => {
    const key = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${'x'.repeat(60)}\n-----END RSA PRIVATE KEY-----\n`;
    const analysis = analyze([layer({ 'etc/app/blob.txt': key }), layer({}, [whiteout('etc/app/blob.txt')])]);
    const found = imageSecrets(analysis.findings ?? [], analysis.stack);
    expect(found).toMatchObject([
      { path: '/etc/app/blob.txt', layer: 0, secret: 'private-key', endedBy: { layer: 1, how: 'removed' } },
    ]);
    expect(JSON.stringify(found)).not.toContain('MIIEow');
  });
});
