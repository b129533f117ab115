/**
 * Credentials recognized by their own shape (vendors document these prefixes so that scanners
 * can find them: GitHub "About authentication" token formats, GitLab "Token prefixes", Slack
 * token types, npm granular tokens, AWS IAM "Unique identifier prefixes"). Specific rules come
 * first: a value two rules match is reported once, by the first.
 */
import type { SecretConfidence, SecretKind } from './types.js';

export interface SecretRule {
  secret: SecretKind;
  label: string;
  confidence: SecretConfidence;
  /** Global regex; group 1 is the value (what the fingerprint hashes). */
  pattern: RegExp;
  /** A cheap reason to drop a match (placeholders, documentation examples). */
  reject?: (value: string) => boolean;
}

export const TOKEN_RULES: readonly SecretRule[] = [
  {
    secret: 'aws-access-key-id',
    label: 'AWS access key id',
    confidence: 'high',
    pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g,
    // AWS's own documentation examples end in EXAMPLE.
    reject: (v) => v.endsWith('EXAMPLE'),
  },
  {
    secret: 'aws-secret-access-key',
    label: 'AWS secret access key',
    confidence: 'high',
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    reject: (v) => v.includes('EXAMPLEKEY'),
  },
  {
    secret: 'github-token',
    label: 'GitHub token',
    confidence: 'high',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,240})\b/g,
  },
  {
    secret: 'gitlab-token',
    label: 'GitLab token',
    confidence: 'high',
    pattern: /\b(glpat-[A-Za-z0-9_-]{20,})/g,
  },
  {
    secret: 'slack-token',
    label: 'Slack token',
    confidence: 'high',
    pattern: /\b(xox[baprs]-[A-Za-z0-9-]{10,250})/g,
  },
  {
    secret: 'npm-token',
    label: 'npm access token',
    confidence: 'high',
    pattern: /\b(npm_[A-Za-z0-9]{36})\b/g,
  },
];

/** `.npmrc`: `//registry/:_authToken=…`, `_auth=…`, `_password=…` (npm's config docs). */
export const NPMRC_RULE: SecretRule = {
  secret: 'npmrc-auth-token',
  label: 'npm registry credential (.npmrc)',
  confidence: 'high',
  pattern: /(?:^|:)_(?:authToken|auth|password)\s*=\s*["']?([^\s"']+)/gm,
  // `${NPM_TOKEN}` is read from the environment at run time: nothing is stored.
  reject: (v) => v.startsWith('${'),
};

/** A name that says "credential", then `=`, `:` or `=>`, then a value of 12+ characters. */
export const GENERIC_RULE: SecretRule = {
  secret: 'generic-secret',
  label: 'possible credential (high-entropy value assigned to a secret-like name)',
  confidence: 'low',
  pattern:
    /[A-Za-z0-9_.-]{0,40}(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]{0,40}["']?\s*(?:=>|:=|=|:)\s*["']?([^\s"'`,;<>{}()[\]]{12,200})/gi,
  reject: (v) => !looksRandom(v),
};

/** Enough Shannon entropy and a mix of character classes to not be a word, a path or a placeholder. */
export function looksRandom(value: string): boolean {
  if (/^(\$|%|\/|\.\.?\/|https?:)/.test(value) || /x{6,}|\*{4,}|changeme|example|placeholder/i.test(value))
    return false;
  // Qualified names in code (`Win32::GetCwd`, `os.environ.get`, `$obj->token`) are not values.
  if (/^[A-Za-z_$][\w$]*((::|\.|->)[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  // Words joined by separators (`whitespace_tokenizer_v2`, `my-app.prod`) are names, not keys.
  if (value.split(/[_.-]/).every((part) => /^[A-Za-z]*\d{0,2}$/.test(part))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(value)).length;
  return classes >= 2 && /\d/.test(value) && entropy(value) >= 3.5;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
