import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { scanContent } from '../content/scan.js';
import type { ContentFinding } from '../content/types.js';
import { dir, file, imageOf, whiteout } from '../test-entries.js';
import type { LayerEntry } from '../types.js';
import { packModel, unpackModel, type CompactModel } from './compact-model.js';
import { Explorer } from './explorer.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function status(...pkgs: Array<[string, string]>): string {
  return pkgs
    .map(([n, v]) => `Package: ${n}\nStatus: install ok installed\nVersion: ${v}\nArchitecture: amd64\n`)
    .join('\n');
}

/** A layer: its documents (read by the analyzers, as the decode pass does) and its other entries. */
function layer(docs: Record<string, string>, extra: LayerEntry[] = []) {
  const entries = Object.entries(docs).map(([p, text]) => file(p, text.length, { contentHash: `h-${text}` }));
  const findings = Object.entries(docs).flatMap(([p, text]) => scanContent(p, enc(text)));
  return { entries: [...entries, ...extra], findings };
}

function modelOf(layers: Array<{ entries: LayerEntry[]; findings: ContentFinding[] }>): CompactModel {
  const input = imageOf(layers.map((l) => l.entries));
  input.layers.forEach((l, i) => {
    l.findings = layers[i]?.findings ?? [];
    l.contentScanned = true;
  });
  return unpackModel(packModel(analyzeImage(input, 'test')));
}

// dpkg's info/<pkg>.list, as the test's own oracle reads them: one absolute path a line, `/.` aside.
const BASH_LIST =
  '/.\n/bin\n/bin/bash\n/usr\n/usr/share\n/usr/share/doc\n/usr/share/doc/bash\n/usr/share/doc/bash/README\n';
const CURL_1 =
  '/.\n/usr\n/usr/bin\n/usr/bin/curl\n/usr/share\n/usr/share/doc\n/usr/share/doc/curl\n/usr/share/doc/curl/old-notes\n';
const CURL_2 =
  '/.\n/usr\n/usr/bin\n/usr/bin/curl\n/usr/share\n/usr/share/doc\n/usr/share/doc/curl\n/usr/share/doc/curl/NEWS\n';
const GCC_LIST = '/.\n/usr\n/usr/bin\n/usr/bin/gcc\n';
const lines = (list: string): string[] => list.split('\n').filter((l) => l.startsWith('/') && l !== '/.');

const layers = [
  layer(
    {
      'var/lib/dpkg/status': status(['bash', '5.2-1'], ['curl', '7.88-1'], ['gcc', '12.2-1']),
      'var/lib/dpkg/info/bash.list': BASH_LIST,
      'var/lib/dpkg/info/curl.list': CURL_1,
      'var/lib/dpkg/info/gcc.list': GCC_LIST,
    },
    [
      file('bin/bash', 1000),
      file('usr/share/doc/bash/README', 10),
      file('usr/bin/curl', 200),
      file('usr/share/doc/curl/old-notes', 5),
      file('usr/bin/gcc', 3000),
      file('usr/local/bin/mine', 7),
    ],
  ),
  // curl upgraded (its old notes go), gcc purged.
  layer(
    {
      'var/lib/dpkg/status': status(['bash', '5.2-1'], ['curl', '7.88-2']),
      'var/lib/dpkg/info/curl.list': CURL_2,
    },
    [
      file('usr/bin/curl', 210),
      file('usr/share/doc/curl/NEWS', 6),
      whiteout('usr/share/doc/curl/old-notes'),
      whiteout('usr/bin/gcc'),
      whiteout('var/lib/dpkg/info/gcc.list'),
    ],
  ),
  layer({ 'app/node_modules/left-pad/package.json': '{"name":"left-pad","version":"1.3.0"}' }, [
    file('app/node_modules/left-pad/index.js', 400),
    dir('app/node_modules/left-pad/node_modules'),
    file('app/node_modules/left-pad/node_modules/x/index.js', 9),
  ]),
];

const model = modelOf(layers);
const table = model.packages ?? [];
const label = (i: number): string | undefined => {
  const p = table[i - 1];
  return p && `${p.name} ${p.version}${p.goneAt === undefined ? '' : ` (gone at ${p.goneAt})`}`;
};
const ownerAt = (path: string): string | undefined => label(model.owner?.[model.paths.indexOf(path)] ?? 0);
const ownedBy = (name: string, version: string): string[] =>
  model.paths.filter((p) => ownerAt(p)?.startsWith(`${name} ${version}`));

describe('the owner column', () => {
  it('the package table: the final image’s versions, then those a layer removed or replaced', () => {
    expect(table.map((p) => [p.manager, p.name, p.version, p.layer, p.goneAt])).toEqual([
      ['dpkg', 'bash', '5.2-1', 0, undefined],
      ['dpkg', 'curl', '7.88-2', 1, undefined],
      ['npm', 'left-pad', '1.3.0', 2, undefined],
      ['dpkg', 'curl', '7.88-1', 0, 1],
      ['dpkg', 'gcc', '12.2-1', 0, 1],
    ]);
  });

  it('a path the final image has: the final database’s package, as its list names it', () => {
    // Listed by both final packages: shared (directories, here).
    const shared = lines(BASH_LIST).filter((p) => lines(CURL_2).includes(p));
    expect(shared).toEqual(['/usr', '/usr/share', '/usr/share/doc']);
    const inModel = (p: string): boolean => model.paths.includes(p) && !shared.includes(p);
    expect(ownedBy('bash', '5.2-1')).toEqual(lines(BASH_LIST).filter(inModel));
    expect(ownedBy('curl', '7.88-2')).toEqual(lines(CURL_2).filter(inModel));
  });

  it('a path the final image no longer has: the version that last listed it, marked gone', () => {
    expect(ownerAt('/usr/share/doc/curl/old-notes')).toBe('curl 7.88-1 (gone at 1)');
    expect(ownerAt('/usr/bin/gcc')).toBe('gcc 12.2-1 (gone at 1)');
  });

  it('directories several packages list are shared (no owner); unlisted paths have none', () => {
    for (const p of ['/usr', '/usr/share', '/usr/share/doc', '/usr/local/bin/mine', '/var'])
      expect(ownerAt(p), p).toBeUndefined();
  });

  it('an npm package owns its directory, not its nested node_modules', () => {
    expect(ownedBy('left-pad', '1.3.0')).toEqual([
      '/app/node_modules/left-pad',
      '/app/node_modules/left-pad/package.json',
      '/app/node_modules/left-pad/index.js',
      '/app/node_modules/left-pad/node_modules',
    ]);
    expect(ownerAt('/app/node_modules/left-pad/node_modules/x/index.js')).toBeUndefined();
  });

  it('a model of an image whose contents were not read has no table and no owners', () => {
    const plain = unpackModel(packModel(analyzeImage(imageOf([[file('a', 1)]]), 'test')));
    expect(plain.packages).toBeUndefined();
    expect(plain.owner).toBeUndefined();
  });
});

describe('"files of package X" in the explorer', () => {
  const explorer = new Explorer(model);
  const curl2 = table.findIndex((p) => p.name === 'curl' && p.goneAt === undefined) + 1;
  const curl1 = table.findIndex((p) => p.name === 'curl' && p.goneAt !== undefined) + 1;

  it('shows the package’s files (with the folders above them) and counts them', () => {
    const layout = explorer.layout({ layer: 2, mode: 'layer', packages: [curl2] });
    const rows = explorer.view({ layer: 2, mode: 'layer', packages: [curl2] });
    expect(rows.map((r) => r.path)).toEqual([
      '/usr',
      '/usr/bin',
      '/usr/bin/curl',
      '/usr/share',
      '/usr/share/doc',
      '/usr/share/doc/curl',
      '/usr/share/doc/curl/NEWS',
    ]);
    expect(rows.filter((r) => r.pkg === curl2).map((r) => r.path)).toEqual([
      '/usr/bin',
      '/usr/bin/curl',
      '/usr/share/doc/curl',
      '/usr/share/doc/curl/NEWS',
    ]);
    expect(layout.matches).toBe(4);
  });

  it('at an earlier layer, the files of a version that is gone by the end', () => {
    const rows = explorer.view({ layer: 0, mode: 'layer', packages: [curl1, curl2] });
    expect(rows.filter((r) => r.type !== 'dir').map((r) => [r.path, label(r.pkg)])).toEqual([
      ['/usr/bin/curl', 'curl 7.88-2'],
      ['/usr/share/doc/curl/old-notes', 'curl 7.88-1 (gone at 1)'],
    ]);
  });

  it('combines with the path filter: a row must pass both', () => {
    const rows = explorer.view({ layer: 2, mode: 'layer', packages: [curl2], filter: 'NEWS' });
    expect(rows.map((r) => r.path)).toEqual([
      '/usr',
      '/usr/share',
      '/usr/share/doc',
      '/usr/share/doc/curl',
      '/usr/share/doc/curl/NEWS',
    ]);
    expect(explorer.layout({ layer: 2, mode: 'layer', packages: [], filter: 'NEWS' }).matches).toBe(0);
  });
});

describe('the owner column for apk and Python', () => {
  // apk's installed database names each file under its F: directory (apk-tools "Installed Database V2").
  const APK =
    'P:musl\nV:1.2.4-r2\nA:x86_64\nF:lib\nR:ld-musl-x86_64.so.1\nR:libc.musl-x86_64.so.1\n\nP:busybox\nV:1.36.1-r5\nF:bin\nR:busybox\n';
  const SITE = 'usr/lib/python3.11/site-packages';
  // RECORD: CSV of paths relative to site-packages (PyPA "Recording installed projects").
  const RECORD = 'six.py,sha256=x,34549\nsix-1.16.0.dist-info/METADATA,,\nsix-1.16.0.dist-info/RECORD,,\n';
  const m = modelOf([
    layer(
      {
        'lib/apk/db/installed': APK,
        [`${SITE}/six-1.16.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n',
        [`${SITE}/six-1.16.0.dist-info/RECORD`]: RECORD,
      },
      [
        file('lib/ld-musl-x86_64.so.1', 600),
        file('lib/libc.musl-x86_64.so.1', 10),
        file('bin/busybox', 900),
        file(`${SITE}/six.py`, 34549),
      ],
    ),
  ]);
  const owner = (path: string) => {
    const p = m.packages?.[(m.owner?.[m.paths.indexOf(path)] ?? 0) - 1];
    return p && `${p.manager} ${p.name} ${p.version}`;
  };

  it('gives each listed file its package', () => {
    expect(owner('/lib/ld-musl-x86_64.so.1')).toBe('apk musl 1.2.4-r2');
    expect(owner('/lib/libc.musl-x86_64.so.1')).toBe('apk musl 1.2.4-r2');
    expect(owner('/bin/busybox')).toBe('apk busybox 1.36.1-r5');
    expect(owner(`/${SITE}/six.py`)).toBe('python six 1.16.0');
    expect(owner(`/${SITE}/six-1.16.0.dist-info/RECORD`)).toBe('python six 1.16.0');
    expect(owner('/lib')).toBeUndefined();
    expect(owner('/lib/apk/db/installed')).toBeUndefined();
  });
});
