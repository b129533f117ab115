import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePem } from './x509.js';

const BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** OpenSSL's view of one PEM certificate: dates as ISO 8601, the serial in hex. */
function openssl(pem: string): {
  notBefore: string;
  notAfter: string;
  serial: string;
  cn: string | undefined;
} {
  const out = execFileSync(
    'openssl',
    ['x509', '-noout', '-startdate', '-enddate', '-serial', '-subject', '-nameopt', 'multiline,utf8'],
    { input: pem, encoding: 'utf8' },
  );
  const iso = (s: string) =>
    new Date(`${s} UTC`.replace(' GMT UTC', ' UTC')).toISOString().replace('.000', '');
  return {
    notBefore: iso(/notBefore=(.+)/.exec(out)?.[1] ?? ''),
    notAfter: iso(/notAfter=(.+)/.exec(out)?.[1] ?? ''),
    serial: (/serial=(\w+)/.exec(out)?.[1] ?? '').toLowerCase(),
    cn: /commonName\s+= (.+)/.exec(out)?.[1]?.trim(),
  };
}

describe('certificates', () => {
  it("decodes this machine's CA bundle as OpenSSL does: validity, serial, subject CN", () => {
    const text = readFileSync(BUNDLE, 'utf8');
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    const { certificates, others } = parsePem(text);
    expect(others).toEqual([]);
    expect(certificates.length).toBe(pems.length);
    for (const [i, pem] of pems.slice(0, 40).entries()) {
      const ref = openssl(pem);
      const ours = certificates[i]!;
      expect(ours.notBefore).toBe(ref.notBefore);
      expect(ours.notAfter).toBe(ref.notAfter);
      expect(ours.serial.replace(/:/g, '').replace(/^0+/, '')).toBe(ref.serial.replace(/^0+/, ''));
      if (ref.cn) expect(ours.subject).toContain(`CN=${ref.cn}`);
    }
  });

  it('a private key block is listed by label, not decoded', () => {
    expect(parsePem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toEqual({
      certificates: [],
      others: ['PRIVATE KEY'],
    });
  });
});
