/**
 * Secrets (passwords, tokens, basic-auth strings) must never reach an error message or a log
 * line. Every secret the client learns is registered here, and every error leaving the client
 * goes through `redactError`.
 */
import { StrataError } from '../errors.js';

const MASK = '***';
const MIN_SECRET_LENGTH = 3;

/** Patterns that look like credentials even when we never saw the value. */
const PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  [/([?&](?:access_token|token|password|refresh_token)=)[^&\s"']+/gi, `$1${MASK}`],
  [/(\/\/[^/\s:@]+:)[^/\s@]+@/g, `$1${MASK}@`], // user:password@ in a URL
];

export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value !== undefined && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      out = out.split(value).join(MASK);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /**
   * A StrataError with the message redacted. The cause is dropped on purpose: a Node or
   * HTTP error object may hold headers with the very secrets we are hiding.
   */
  redactError(err: unknown, fallback: StrataError['code'] = 'NETWORK'): StrataError {
    const code = err instanceof StrataError ? err.code : fallback;
    const message = err instanceof Error ? err.message : String(err);
    return new StrataError(code, this.redact(message));
  }
}
