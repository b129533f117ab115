/**
 * A few hand-written readers for JSON documents, each naming the field it rejects
 * (`config.history[3].created_by: expected a string, got a number`), so a malformed document
 * from an archive or a registry fails with a typed CORRUPT error, never later with a TypeError.
 * Readers return the value narrowed; `null` counts as absent for optional fields (Docker writes
 * `"Labels": null`).
 */
import { StrataError } from '../errors.js';
import { digestProblem } from './digest.js';

export type Json = Record<string, unknown>;

export function field(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function shapeError(path: string, expected: string, value: unknown): StrataError {
  return new StrataError('CORRUPT', `${path}: expected ${expected}, got ${kindOf(value)}`);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

export function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw shapeError(path, 'an object', value);
  return value as Json;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw shapeError(path, 'an array', value);
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw shapeError(path, 'a string', value);
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw shapeError(path, 'a boolean', value);
  return value;
}

/** A non-negative safe integer (sizes, versions). */
export function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw shapeError(path, 'a non-negative integer', value);
  return value;
}

export function digest(value: unknown, path: string): string {
  const text = string(value, path);
  const problem = digestProblem(text);
  if (problem)
    throw new StrataError('CORRUPT', `${path}: ${JSON.stringify(text)} is not a digest: ${problem}`);
  return text;
}

export function stringRecord(value: unknown, path: string): Record<string, string> {
  const record = object(value, path);
  for (const [key, v] of Object.entries(record)) string(v, field(path, key));
  return record as Record<string, string>;
}

/** `read` applied to `doc[key]` when present (not undefined, not null). */
export function optional<T>(
  doc: Json,
  key: string,
  path: string,
  read: (value: unknown, path: string) => T,
): T | undefined {
  const value = doc[key];
  return value === undefined || value === null ? undefined : read(value, field(path, key));
}

/** Each element of an array read with `read`, refusing more than `max` elements. */
export function list<T>(
  value: unknown,
  path: string,
  max: number,
  read: (value: unknown, path: string) => T,
): T[] {
  const items = array(value, path);
  if (items.length > max)
    throw new StrataError('TOO_LARGE', `${path}: ${items.length} entries, more than ${max}`);
  return items.map((item, i) => read(item, field(path, i)));
}
