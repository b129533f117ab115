/**
 * The hostile archives of issue 10, one per class, each with what Strata must answer: the error
 * code (and so the CLI's exit 2 and the server's status) and the words of its one-line message.
 * All are small on disk; the bombs inflate far, but every one trips a guard early at the default
 * limits (a 256 MiB ratio floor, 8 extended headers per entry, 500 layers, 16 repeats).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { paxData, rawTar, type RawEntry } from './raw-tar';
import { dockerArchive, dockerConfig, ociArchive, sha256, smallLayer } from './raw-images';
import { zstdRawFrame, zstdRleFrame, zstdWindowFrame } from './zstd-frames';

export interface HostileCase {
  name: string;
  code: 'TOO_LARGE' | 'CORRUPT' | 'UNSUPPORTED';
  /** What the message must say. */
  message: string | RegExp;
  bytes: () => Buffer;
}

const MiB = 1024 * 1024;
const EMPTY = sha256('');
const BZIP2 = Buffer.concat([
  Buffer.from('BZh9'),
  Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59]),
  Buffer.alloc(64, 7),
]);
const XZ = Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(64, 7)]);

/** A docker-archive whose one layer is `blob` (its diff_id cannot matter: reading fails first). */
const withLayer = (blob: Buffer): Buffer =>
  dockerArchive({ layers: [{ name: 'l0/layer.tar', data: blob }], config: dockerConfig([EMPTY]) });

/** A layer tar: `headers` before one real file. */
const layerWith = (headers: RawEntry[]): Buffer => rawTar([...headers, { name: 'f', data: 'x' }]);
const pax = (type: 'x' | 'g', bytes: number): RawEntry => ({
  name: 'PaxHeader',
  type,
  data: paxData({ comment: 'c'.repeat(bytes - 20) }),
});

/** 1 GiB of zeros as 64 gzip members of 16 MiB each (a valid multi-member gzip of ~1 MB). */
function gzipZeros(): Buffer {
  const member = gzipSync(Buffer.alloc(16 * MiB), { level: 9 });
  return Buffer.concat(Array.from({ length: 64 }, () => member));
}

const good = (): Buffer => dockerArchive({ layers: [{ name: 'l0/layer.tar', data: smallLayer() }] });
const cut = (data: Buffer): Buffer => data.subarray(0, Math.floor(data.length / 2));

export const HOSTILE_CASES: HostileCase[] = [
  // An archive compressed as a whole
  {
    name: 'whole-gzip-bomb',
    code: 'TOO_LARGE',
    message: /decompressing the gzip archive: it inflates to more than 250x its size/,
    bytes: gzipZeros,
  },
  {
    name: 'whole-zstd-bomb',
    code: 'TOO_LARGE',
    message: /decompressing the zstd archive: it inflates to more than 250x its size/,
    bytes: () => zstdRleFrame(8192),
  },
  {
    name: 'whole-bzip2',
    code: 'UNSUPPORTED',
    message: 'bzip2-compressed content is not supported',
    bytes: () => BZIP2,
  },
  {
    name: 'whole-xz',
    code: 'UNSUPPORTED',
    message: 'xz-compressed content is not supported',
    bytes: () => XZ,
  },
  {
    name: 'whole-zstd-truncated',
    code: 'CORRUPT',
    message: 'corrupt zstd stream: unexpected end',
    bytes: () => cut(zstdRawFrame(good())),
  },
  // Layers
  {
    name: 'zstd-layer-bomb',
    code: 'TOO_LARGE',
    message: /decompression bomb/,
    bytes: () => withLayer(zstdRleFrame(2200)),
  },
  {
    name: 'zstd-layer-tiny-blocks',
    code: 'TOO_LARGE',
    message: 'zstd stream of tiny blocks in a large window',
    bytes: () => withLayer(zstdRleFrame(400, 1, 25)),
  },
  {
    name: 'zstd-layer-window',
    code: 'UNSUPPORTED',
    message: /zstd frame needs a 1024 MiB window/,
    bytes: () => withLayer(zstdWindowFrame(30)),
  },
  {
    name: 'zstd-layer-truncated',
    code: 'CORRUPT',
    message: 'corrupt zstd stream: unexpected end',
    bytes: () => withLayer(cut(zstdRawFrame(rawTar([{ name: 'a', data: Buffer.alloc(300_000, 1) }])))),
  },
  {
    name: 'bzip2-layer',
    code: 'UNSUPPORTED',
    message: 'bzip2-compressed content is not supported',
    bytes: () => withLayer(BZIP2),
  },
  {
    name: 'xz-layer',
    code: 'UNSUPPORTED',
    message: 'xz-compressed content is not supported',
    bytes: () => withLayer(XZ),
  },
  {
    name: 'pax-local-flood',
    code: 'TOO_LARGE',
    message: 'more than 8 tar extended headers before one entry',
    bytes: () => withLayer(layerWith(Array.from({ length: 2000 }, () => pax('x', 1024)))),
  },
  {
    name: 'pax-local-bytes',
    code: 'TOO_LARGE',
    message: /tar extended headers of more than \d+ bytes before one entry/,
    bytes: () => withLayer(gzipSync(layerWith(Array.from({ length: 3 }, () => pax('x', 1_000_000))))),
  },
  {
    name: 'pax-global-flood',
    code: 'TOO_LARGE',
    message: /tar global headers of more than \d+ bytes/,
    bytes: () => withLayer(gzipSync(layerWith(Array.from({ length: 3 }, () => pax('g', 700_000))))),
  },
  {
    name: 'negative-size',
    code: 'CORRUPT',
    message: 'invalid size field in the tar header',
    bytes: () => withLayer(layerWith([{ name: 'PaxHeader', type: 'x', sizeField: '-0000001\0' }])),
  },
  {
    name: 'pax-negative-size',
    code: 'CORRUPT',
    message: 'invalid tar entry size',
    bytes: () => withLayer(layerWith([{ name: 'PaxHeader', type: 'x', data: paxData({ size: '-5' }) }])),
  },
  {
    name: 'tar-corrupt-midway',
    code: 'CORRUPT',
    message: 'corrupt tar at byte 1024: invalid tar header (bad checksum)',
    bytes: () =>
      withLayer(
        rawTar([
          { name: 'a', data: 'a' },
          { name: 'b', data: 'b', badChecksum: true },
        ]),
      ),
  },
  // The outer archive
  {
    name: 'outer-pax-flood',
    code: 'TOO_LARGE',
    message: 'more than 8 tar extended headers before one entry',
    bytes: () =>
      dockerArchive({
        layers: [{ name: 'l0/layer.tar', data: smallLayer() }],
        front: Array.from({ length: 2000 }, () => pax('x', 1024)),
      }),
  },
  {
    name: 'outer-corrupt-midway',
    code: 'CORRUPT',
    message: /the archive is corrupt at byte \d+: invalid tar header/,
    bytes: () =>
      dockerArchive({
        layers: [{ name: 'l0/layer.tar', data: smallLayer() }],
        back: [{ name: 'junk', data: 'x', badChecksum: true }],
      }),
  },
  // Documents of the wrong shape
  {
    name: 'config-created-by-number',
    code: 'CORRUPT',
    message: 'config.history[3].created_by: expected a string, got a number',
    bytes: () => {
      const layer = smallLayer();
      const history = [{}, {}, {}, { created_by: 123 }];
      return dockerArchive({
        layers: [{ name: 'l0/layer.tar', data: layer }],
        config: dockerConfig([sha256(layer)], history),
      });
    },
  },
  {
    name: 'config-diff-ids-number',
    code: 'CORRUPT',
    message: 'config.rootfs.diff_ids[0]: expected a string, got a number',
    bytes: () =>
      dockerArchive({
        layers: [{ name: 'l0/layer.tar', data: smallLayer() }],
        config: dockerConfig([123 as never]),
      }),
  },
  {
    name: 'manifest-json-layers-number',
    code: 'CORRUPT',
    message: 'manifest.json[0].Layers[0]: expected a string, got a number',
    bytes: () =>
      dockerArchive({
        layers: [{ name: 'l0/layer.tar', data: smallLayer() }],
        manifest: [{ Config: 'config.json', Layers: [123] }],
      }),
  },
  {
    name: 'oci-descriptor-without-digest',
    code: 'CORRUPT',
    message: /manifest sha256:[a-f0-9]{64}: layers\[0\]\.digest: expected a string, got nothing/,
    bytes: () =>
      ociArchive({
        layers: [smallLayer()],
        editManifest: (m) => ({
          ...m,
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', size: 1 }],
        }),
      }),
  },
  {
    name: 'oci-layer-digest-number',
    code: 'CORRUPT',
    message: /manifest sha256:[a-f0-9]{64}: layers\[0\]\.digest: expected a string, got a number/,
    bytes: () =>
      ociArchive({
        layers: [smallLayer()],
        editManifest: (m) => ({ ...m, layers: [{ mediaType: 'x', digest: 123, size: 1 }] }),
      }),
  },
  {
    name: 'oci-manifests-string',
    code: 'CORRUPT',
    message: 'index.json: manifests: expected an array, got a string',
    bytes: () => ociArchive({ layers: [smallLayer()], editIndex: (i) => ({ ...i, manifests: 'x' }) }),
  },
  // The image's shape
  {
    name: 'layer-listed-100000-times',
    code: 'TOO_LARGE',
    message: 'manifest.json lists 100000 layers, more than the limit of 500',
    bytes: () => {
      const layer = smallLayer();
      const diffIds = Array<string>(100_000).fill(sha256(layer));
      return dockerArchive({
        layers: [{ name: 'l0/layer.tar', data: layer }],
        config: dockerConfig(diffIds, []),
        manifest: [{ Config: 'config.json', Layers: Array<string>(100_000).fill('l0/layer.tar') }],
      });
    },
  },
  {
    name: 'layer-listed-17-times',
    code: 'TOO_LARGE',
    message: /layer sha256:[a-f0-9]{64} is listed more than 16 times/,
    bytes: () => {
      const layer = smallLayer();
      return dockerArchive({
        layers: [{ name: 'l0/layer.tar', data: layer }],
        config: dockerConfig(Array<string>(17).fill(sha256(layer)), []),
        manifest: [{ Config: 'config.json', Layers: Array<string>(17).fill('l0/layer.tar') }],
      });
    },
  },
];

/** Write one case to `dir`; returns its path. */
export async function writeHostileCase(dir: string, c: HostileCase): Promise<string> {
  const path = join(dir, `${c.name}.tar`);
  await writeFile(path, c.bytes());
  return path;
}
