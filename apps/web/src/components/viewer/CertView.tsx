import { useMemo } from 'react';
import { parsePem } from './x509.js';

const SHOWN = 50;

/** The certificates of a PEM file (a CA bundle has ~150): subject, issuer, validity. */
export function CertView({ text }: { text: string }) {
  const pem = useMemo(() => parsePem(text), [text]);
  if (pem.certificates.length === 0 && pem.others.length === 0) return null;
  return (
    <div className="viewer-certs" data-testid="viewer-certs">
      <p>
        {pem.certificates.length} certificate{pem.certificates.length === 1 ? '' : 's'}
        {pem.others.length > 0 && `; also: ${pem.others.join(', ')}`}
      </p>
      <table className="viewer-facts">
        <thead>
          <tr>
            <th>subject</th>
            <th>issuer</th>
            <th>valid from</th>
            <th>until</th>
            <th>key</th>
          </tr>
        </thead>
        <tbody>
          {pem.certificates.slice(0, SHOWN).map((c, i) => (
            <tr key={i}>
              <td>{c.subject}</td>
              <td>{c.issuer}</td>
              <td className="mono">{c.notBefore.slice(0, 10)}</td>
              <td className="mono">{c.notAfter.slice(0, 10)}</td>
              <td>{c.keyAlgorithm}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
