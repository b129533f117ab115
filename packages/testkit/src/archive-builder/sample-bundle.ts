/**
 * Three small related images for the many-images tests (diff, df, pickers): `app:1` and `app:2`
 * share a base and a middle layer, `site:1` shares only the base. app:2 against app:1 changes a
 * file's content, another's mode only, retargets a symlink, deletes a file (whiteout), replaces a
 * directory's content (opaque), grows a file and adds a library.
 */
import type { ImageSpec, LayerSpec, MultiPlatformSpec } from './types';

const base: LayerSpec = {
  createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
  entries: [
    { path: 'etc', type: 'dir' },
    { path: 'etc/os-release', content: 'ID=sample\n' },
    { path: 'bin', type: 'dir' },
    { path: 'bin/busybox', content: { size: 8000, seed: 1 }, mode: 0o755 },
    { path: 'bin/sh', type: 'symlink', target: 'busybox' },
    { path: 'usr', type: 'dir' },
    { path: 'usr/lib', type: 'dir' },
    { path: 'usr/lib/libc.so', content: { size: 20000, seed: 2 } },
    { path: 'usr/share', type: 'dir' },
    { path: 'usr/share/doc', type: 'dir' },
    { path: 'usr/share/doc/readme', content: 'read me\n' },
    { path: 'opt', type: 'dir' },
    { path: 'opt/old', type: 'dir' },
    { path: 'opt/old/x.txt', content: 'old x\n' },
  ],
};

const appMiddle: LayerSpec = {
  createdBy: '/bin/sh -c #(nop) COPY dir:app in /app ',
  entries: [
    { path: 'app', type: 'dir' },
    { path: 'app/config.json', content: '{"debug":false}\n' },
    { path: 'app/data', type: 'dir' },
    { path: 'app/data/big.bin', content: { size: 50000, seed: 3 } },
  ],
};

export function sampleBundleSpecs(): ImageSpec[] {
  const app1: ImageSpec = {
    repoTags: ['app:1'],
    layers: [
      base,
      appMiddle,
      { createdBy: '/bin/sh -c echo v1 > /app/version', entries: [{ path: 'app/version', content: 'v1\n' }] },
    ],
  };
  const app2: ImageSpec = {
    repoTags: ['app:2'],
    layers: [
      base,
      appMiddle,
      {
        createdBy: '/bin/sh -c ./upgrade.sh',
        entries: [
          { path: 'app/version', content: 'v2\n' },
          { path: 'app/config.json', content: '{"debug":false}\n', mode: 0o600 },
          { path: 'app/data/big.bin', content: { size: 60000, seed: 4 } },
          { path: 'usr/share/doc/readme', type: 'whiteout' },
          { path: 'opt/old', type: 'opaque' },
          { path: 'opt/old/new.txt', content: 'new\n' },
          { path: 'bin/sh', type: 'symlink', target: '/bin/busybox' },
          { path: 'usr/lib/libnew.so', content: { size: 30000, seed: 5 } },
        ],
      },
    ],
  };
  const site: ImageSpec = {
    repoTags: ['site:1'],
    layers: [
      base,
      {
        createdBy: '/bin/sh -c #(nop) COPY dir:site in /srv ',
        entries: [{ path: 'srv/site/index.html', content: { size: 12000, seed: 6 } }],
      },
    ],
  };
  return [app1, app2, site];
}

/** app:1 as linux/amd64 and site:1 as linux/arm64 of one multi-platform image `multi:1` (write it 'oci-index-nested'). */
export function sampleMultiPlatformSpec(): MultiPlatformSpec {
  const [app1, , site] = sampleBundleSpecs() as [ImageSpec, ImageSpec, ImageSpec];
  return {
    repoTags: ['multi:1'],
    platforms: [
      { ...app1, platform: { os: 'linux', architecture: 'amd64' } },
      { ...site, platform: { os: 'linux', architecture: 'arm64' } },
    ],
  };
}
