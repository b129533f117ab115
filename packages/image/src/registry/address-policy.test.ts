import { afterAll, describe, expect, it } from 'vitest';
import { startStubServer, type StubServer } from '@strata/testkit';
import type { StrataError } from '../errors.js';
import { addressRefusal, classifyAddress, ALLOW_ALL_ADDRESSES } from './address-policy.js';
import { RegistryImage } from './registry-image.js';
import type { RegistryOptions } from './options.js';
import type { Resolver } from './transport.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:a9fe:a9fe::1', 'metadata'],
    // Every IPv6 form that embeds an IPv4 address is judged by that address.
    ['::127.0.0.1', 'loopback'], // IPv4-compatible
    ['::7f00:1', 'loopback'],
    ['::10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped
    ['::ffff:0:7f00:1', 'loopback'], // IPv4-translated
    ['::ffff:0:169.254.169.254', 'metadata'],
    ['64:ff9b::127.0.0.1', 'loopback'], // NAT64
    ['64:ff9b:1::a9fe:a9fe', 'metadata'], // NAT64 local-use
    ['2002:7f00:1::', 'loopback'], // 6to4
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'], // Teredo, client 127.0.0.1 inverted
    ['::ffff:8.8.8.8', 'public'],
    ['::', 'loopback'],
    ['2001:db8::1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['not-an-ip', 'invalid'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('allows loopback by default, the rest only when configured', () => {
    expect(addressRefusal('127.0.0.1')).toBeUndefined();
    expect(addressRefusal('127.0.0.1', { loopback: false })).toMatch(/loopback/);
    for (const spelling of [
      '::127.0.0.1',
      '::ffff:0:7f00:1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::1',
      '::ffff:7f00:1',
    ])
      expect(addressRefusal(spelling, { loopback: false })).toMatch(/loopback/);
    expect(addressRefusal('10.0.0.1')).toMatch(/private/);
    expect(addressRefusal('10.0.0.1', { privateNetworks: true })).toBeUndefined();
    expect(addressRefusal('10.20.1.1', { allow: ['10.20.0.0/16'] })).toBeUndefined();
    expect(addressRefusal('169.254.169.254', { linkLocal: true })).toMatch(/metadata/);
    expect(addressRefusal('169.254.169.254', ALLOW_ALL_ADDRESSES)).toBeUndefined();
    expect(addressRefusal('224.0.0.1', ALLOW_ALL_ADDRESSES)).toMatch(/unicast/);
  });
});

describe('the client applies the address policy before connecting', () => {
  let stub: StubServer;
  const resolvedTo =
    (address: string): Resolver =>
    async () => [{ address, family: address.includes(':') ? 6 : 4 }];

  afterAll(async () => {
    await stub?.stop();
  });

  async function pullError(reference: string, options: RegistryOptions = {}): Promise<StrataError> {
    const image = new RegistryImage(reference, { retries: 0, connectTimeoutMs: 2000, ...options });
    try {
      await image.manifest();
    } catch (err) {
      return err as StrataError;
    } finally {
      await image.close();
    }
    throw new Error('expected the pull to fail');
  }

  it.each(['169.254.169.254', '10.0.0.1', '[fd00:ec2::254]'])(
    'refuses the literal address %s at once',
    async (host) => {
      const err = await pullError(`${host}/app:latest`, { insecureRegistries: [host] });
      expect(err.code).toBe('DENIED');
      expect(err.message).toMatch(/refusing to connect to .*(metadata|private)/);
    },
  );

  it('refuses a hostname whose resolved address is private, without connecting', async () => {
    const asked: string[] = [];
    const resolve: Resolver = async (hostname) => {
      asked.push(hostname);
      return [{ address: '10.0.0.1', family: 4 }];
    };
    const err = await pullError('registry.internal.test/app:1', {
      resolve,
      insecureRegistries: ['registry.internal.test'],
    });
    expect(asked).toEqual(['registry.internal.test']);
    expect(err.code).toBe('DENIED');
    expect(err.message).toContain(
      'refusing to connect to registry.internal.test (10.0.0.1): private network',
    );
  });

  it('refuses when any resolved address is refused (no mixed answers)', async () => {
    const resolve: Resolver = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ];
    const err = await pullError('mixed.test/app:1', { resolve, insecureRegistries: ['mixed.test'] });
    expect(err.code).toBe('DENIED');
    expect(err.message).toContain('169.254.169.254');
  });

  it('checks each redirect hop and the token realm, not only the registry', async () => {
    stub = await startStubServer((req, res) => {
      if (req.url?.startsWith('/v2/redirect/')) {
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return;
      }
      res
        .writeHead(401, { 'www-authenticate': 'Bearer realm="http://metadata.test/token",service="s"' })
        .end('{"errors":[{"code":"UNAUTHORIZED","message":"auth"}]}');
    });
    const redirected = await pullError(`${stub.host}/redirect/app:1`);
    expect(redirected.code).toBe('DENIED');
    expect(redirected.message).toContain('169.254.169.254');

    const realm = await pullError(`${stub.host}/token/app:1`, { resolve: resolvedTo('169.254.169.254') });
    expect(realm.code).toBe('DENIED');
    expect(realm.message).toContain('metadata.test (169.254.169.254): cloud metadata');
  });

  it('connects to a loopback registry by default and to nothing when loopback is off', async () => {
    const err = await pullError(`${stub.host}/app:1`, { addressPolicy: { loopback: false } });
    expect(err.code).toBe('DENIED');
    expect(err.message).toMatch(/loopback addresses are not allowed/);
  });
});
