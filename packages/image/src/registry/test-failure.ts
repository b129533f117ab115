/** Test helper: the StrataError a promise rejects with (fails the test if it resolves). */
import { expect } from 'vitest';
import { StrataError } from '../errors.js';

export async function failure(promise: Promise<unknown>): Promise<StrataError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(StrataError);
    return err as StrataError;
  }
  throw new Error('expected a failure');
}
