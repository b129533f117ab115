/**
 * Certificates in a PEM file, decoded enough to show them (RFC 5280 §4.1): subject, issuer,
 * validity, serial, key algorithm. A minimal DER reader (X.690 tag-length-value); private keys are
 * never decoded here, only counted.
 */
export interface CertSummary {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  serial: string;
  keyAlgorithm: string;
}

export interface PemSummary {
  certificates: CertSummary[];
  /** Blocks that are not certificates (keys, CSRs), by label. */
  others: string[];
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

const OIDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};

export function parsePem(text: string): PemSummary {
  const out: PemSummary = { certificates: [], others: [] };
  for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)) {
    const label = m[1] ?? '';
    if (label !== 'CERTIFICATE' && label !== 'TRUSTED CERTIFICATE') {
      out.others.push(label);
      continue;
    }
    try {
      out.certificates.push(parseCertificate(base64(m[2] ?? '')));
    } catch {
      out.others.push(`${label} (unreadable)`);
    }
  }
  return out;
}

export function parseCertificate(der: Uint8Array): CertSummary {
  const cert = children(der, read(der, 0));
  const tbs = children(der, cert[0] as Tlv);
  let i = (tbs[0] as Tlv).tag === 0xa0 ? 1 : 0; // [0] version
  const serial = tbs[i++] as Tlv;
  i++; // signature algorithm
  const issuer = tbs[i++] as Tlv;
  const validity = children(der, tbs[i++] as Tlv);
  const subject = tbs[i++] as Tlv;
  const spki = children(der, tbs[i++] as Tlv);
  const alg = children(der, spki[0] as Tlv)[0] as Tlv;
  return {
    subject: name(der, subject),
    issuer: name(der, issuer),
    notBefore: time(der, validity[0] as Tlv),
    notAfter: time(der, validity[1] as Tlv),
    serial: hex(der.subarray(serial.start, serial.end)),
    keyAlgorithm: OIDS[oid(der, alg)] ?? oid(der, alg),
  };
}

/** RDNSequence as `CN=…, O=…, C=…` (RFC 4514 order is reversed; this keeps the certificate's). */
function name(der: Uint8Array, seq: Tlv): string {
  const parts: string[] = [];
  for (const set of children(der, seq))
    for (const atv of children(der, set)) {
      const [type, value] = children(der, atv) as [Tlv, Tlv];
      parts.push(`${OIDS[oid(der, type)] ?? oid(der, type)}=${str(der, value)}`);
    }
  return parts.join(', ');
}

/** UTCTime (YYMMDDhhmmssZ, years 50-99 are 19xx: RFC 5280 §4.1.2.5.1) or GeneralizedTime, as ISO 8601. */
function time(der: Uint8Array, t: Tlv): string {
  const s = new TextDecoder().decode(der.subarray(t.start, t.end));
  const full = t.tag === 0x17 ? `${Number(s.slice(0, 2)) >= 50 ? '19' : '20'}${s}` : s;
  return `${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}T${full.slice(8, 10)}:${full.slice(10, 12)}:${full.slice(12, 14)}Z`;
}

function str(der: Uint8Array, t: Tlv): string {
  const bytes = der.subarray(t.start, t.end);
  if (t.tag === 0x1e) {
    let s = '';
    for (let i = 0; i + 1 < bytes.length; i += 2)
      s += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return s; // BMPString
  }
  return new TextDecoder(t.tag === 0x0c ? 'utf-8' : 'latin1').decode(bytes);
}

function oid(der: Uint8Array, t: Tlv): string {
  const b = der.subarray(t.start, t.end);
  const first = b[0] as number;
  const parts = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + ((b[i] as number) & 0x7f);
    if (((b[i] as number) & 0x80) === 0) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function read(der: Uint8Array, at: number): Tlv {
  const tag = der[at] as number;
  let len = der[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] as number);
    start += n;
  }
  if (start + len > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + len };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const t = read(der, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

function base64(text: string): Uint8Array {
  const bin = atob(text.replace(/[^A-Za-z0-9+/=]/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
}
