/**
 * Secrets found by content. A finding names the kind, the line and a fingerprint of the value;
 * the value itself never leaves this module. Public certificates are counted, not reported:
 * they are what a CA bundle is made of.
 */
import { fingerprint } from './sha256.js';
import { GENERIC_RULE, NPMRC_RULE, TOKEN_RULES, type SecretRule } from './secret-rules.js';
import type { CertificatesFinding, ContentFinding, SecretFinding } from './types.js';

/** Cheap first pass: text without any of these cannot match a rule. */
const TRIGGER =
  /PRIVATE KEY|CERTIFICATE|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[baprs]-|npm_|_auth|_password|"auths"|passw|pwd|secret|token|api.?key|access.?key|auth.?key|credential/i;

// RFC 7468 labels, plus OpenSSH's and PGP's armor.
const PRIVATE_KEY =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----([\s\S]*?)(?:-----END \1-----|$)/g;
const CERTIFICATE = /-----BEGIN (?:TRUSTED )?CERTIFICATE-----/g;

export function scanSecrets(path: string, text: string): ContentFinding[] {
  if (!TRIGGER.test(text)) return [];
  const found = new Found(path, text);
  privateKeys(found);
  const rules = [...TOKEN_RULES, ...(path.endsWith('/.npmrc') ? [NPMRC_RULE] : []), GENERIC_RULE];
  for (const rule of rules) applyRule(found, rule);
  if (/\/config\.json$/.test(path)) dockerAuths(found);
  const certificates = text.match(CERTIFICATE)?.length ?? 0;
  const out: ContentFinding[] = [...found.findings];
  if (certificates > 0)
    out.push({ kind: 'certificates', path, count: certificates } satisfies CertificatesFinding);
  return out;
}

class Found {
  readonly findings: SecretFinding[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  add(rule: Omit<SecretRule, 'pattern'>, value: string, index: number): void {
    const line = lineAt(this.text, index);
    const print = fingerprint(value);
    if (this.seen.has(`${line}:${print}`)) return;
    this.seen.add(`${line}:${print}`);
    const { secret, label, confidence } = rule;
    this.findings.push({
      kind: 'secret',
      path: this.path,
      secret,
      label,
      fingerprint: print,
      line,
      confidence,
    });
  }
}

function privateKeys(found: Found): void {
  for (const m of found.text.matchAll(PRIVATE_KEY)) {
    const armor = m[1] ?? 'PRIVATE KEY';
    const body = (m[2] ?? '').replace(/\s+/g, '');
    const encrypted = armor.startsWith('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(m[2] ?? '');
    const kind = armor.replace(/ ?PRIVATE KEY( BLOCK)?$/, '').replace('OPENSSH', 'OpenSSH');
    const label = `${encrypted ? 'encrypted ' : ''}${kind && kind !== 'ENCRYPTED' ? `${kind} ` : ''}private key`;
    found.add({ secret: 'private-key', label, confidence: encrypted ? 'medium' : 'high' }, body, m.index);
  }
}

function applyRule(found: Found, rule: SecretRule): void {
  for (const m of found.text.matchAll(rule.pattern)) {
    const value = m[1];
    if (!value || rule.reject?.(value)) continue;
    found.add(rule, value, m.index + m[0].lastIndexOf(value));
  }
}

/** docker's config.json: `{"auths": {"registry": {"auth": base64(user:password)}}}` (or identitytoken). */
function dockerAuths(found: Found): void {
  let json: unknown;
  try {
    json = JSON.parse(found.text);
  } catch {
    return;
  }
  const auths = (json as { auths?: unknown } | null)?.auths;
  if (typeof auths !== 'object' || auths === null) return;
  for (const [registry, entry] of Object.entries(auths)) {
    for (const field of ['auth', 'identitytoken', 'password'] as const) {
      const value = (entry as Record<string, unknown> | null)?.[field];
      if (typeof value !== 'string' || value === '') continue;
      const rule = {
        secret: 'docker-auth',
        label: `Docker registry credential for ${registry}`,
        confidence: 'high',
      } as const;
      found.add(rule, value, Math.max(0, found.text.indexOf(JSON.stringify(value))));
    }
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
