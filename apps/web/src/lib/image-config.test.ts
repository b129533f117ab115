import { describe, expect, it } from 'vitest';
import { configView, execForm, layerAnnotations } from './image-config.js';

describe('configView', () => {
  it('reads the runtime settings of an image config', () => {
    const v = configView({
      created: '2024-01-02T03:04:05Z',
      author: 'someone',
      architecture: 'amd64',
      config: {
        Env: ['PATH=/usr/bin:/bin', 'EMPTY=', 'A=b=c'],
        Entrypoint: ['/entry.sh'],
        Cmd: ['nginx', '-g', 'daemon off;'],
        User: '1000:1000',
        WorkingDir: '/app',
        ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
        Volumes: { '/data': {} },
        Labels: { 'org.opencontainers.image.title': 't', b: 'x' },
      },
    });
    expect(v.env).toEqual([
      ['PATH', '/usr/bin:/bin'],
      ['EMPTY', ''],
      ['A', 'b=c'],
    ]);
    expect(v).toMatchObject({
      entrypoint: ['/entry.sh'],
      user: '1000:1000',
      workingDir: '/app',
      exposedPorts: ['443/tcp', '80/tcp'],
      volumes: ['/data'],
      created: '2024-01-02T03:04:05Z',
      author: 'someone',
    });
    expect(v.labels).toEqual([
      ['b', 'x'],
      ['org.opencontainers.image.title', 't'],
    ]);
    expect(execForm(v.cmd ?? [])).toBe('["nginx", "-g", "daemon off;"]');
  });

  it('leaves out what does not have the documented shape', () => {
    const v = configView({ config: { Env: 'PATH=x', Cmd: [1], Labels: null, User: 7 } });
    expect(v).toMatchObject({ env: [], cmd: undefined, labels: [], user: undefined });
    expect(configView({}).exposedPorts).toEqual([]);
  });
});

describe('layerAnnotations', () => {
  it("reads a layer descriptor's string annotations from the manifest", () => {
    const manifest = {
      layers: [
        { digest: 'a' },
        { digest: 'b', annotations: { 'containerd.io/uncompressed': 'sha256:x', n: 1 } },
      ],
    };
    expect(layerAnnotations(manifest, 0)).toEqual([]);
    expect(layerAnnotations(manifest, 1)).toEqual([['containerd.io/uncompressed', 'sha256:x']]);
    expect(layerAnnotations({ layers: 'x' }, 0)).toEqual([]);
    expect(layerAnnotations(undefined, 0)).toEqual([]);
  });
});
