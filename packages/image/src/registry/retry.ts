/**
 * Retries with exponential backoff and jitter for transient failures only (429, 5xx, dropped
 * connections, idle timeouts). A server's Retry-After is honoured up to a cap.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { StrataError } from '../errors.js';
import { isTransient } from './transient.js';

const MAX_DELAY_MS = 10_000;
const MAX_RETRY_AFTER_MS = 30_000;

export interface RetryPolicy {
  retries: number;
  retryDelayMs: number;
  signal?: AbortSignal | undefined;
}

export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const base = Math.min(policy.retryDelayMs * 2 ** attempt, MAX_DELAY_MS);
  return base / 2 + Math.random() * (base / 2);
}

export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch {
    throw new StrataError('NETWORK', 'aborted while waiting to retry');
  }
}

export async function withRetries<T>(policy: RetryPolicy, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || attempt >= policy.retries) throw err;
      await pause(backoffMs(attempt, policy, err.retryAfterMs), policy.signal);
    }
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function retryAfterMs(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export const isRetryableStatus = (status: number): boolean =>
  status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
