/**
 * Turn an unsuccessful registry response into a clear StrataError, using the distribution
 * error body when there is one (spec: "Error Codes": `{"errors":[{"code","message"}]}`).
 */
import { StrataError, type ErrorCode } from '../errors.js';
import { readCapped } from './body.js';
import { formatReference, referenceName, type Reference } from './reference.js';
import type { HttpResponse } from './transport.js';

const ERROR_BODY_LIMIT = 64 * 1024;

interface Target {
  registry: string;
  what: string;
  ref?: Reference;
}

export async function describeStatus(
  res: HttpResponse,
  target: Target,
  sentAuth: boolean,
): Promise<StrataError> {
  const errors = await readErrors(res);
  const codes = errors.map((e) => e.code);
  const detail = errors.length ? ` (${errors.map((e) => `${e.code}: ${e.message}`).join('; ')})` : '';
  const status = res.status;
  const fail = (code: ErrorCode, message: string): StrataError =>
    new StrataError(code, `${message}${detail}`);
  if (status === 404 || codes.includes('NAME_UNKNOWN') || codes.includes('MANIFEST_UNKNOWN')) {
    return notFound(codes, target, fail);
  }
  if (status === 401) {
    const why = sentAuth ? 'the credentials were not accepted' : 'authentication required';
    return fail('UNAUTHORIZED', `${target.what}: ${why} by ${target.registry}`);
  }
  if (status === 403) return fail('DENIED', `${target.what}: access denied by ${target.registry}`);
  if (status === 416) return fail('NETWORK', `${target.what}: the registry refused the byte range`);
  return fail('NETWORK', `${target.what}: ${target.registry} answered HTTP ${status}`);
}

function notFound(
  codes: string[],
  target: Target,
  fail: (code: ErrorCode, message: string) => StrataError,
): StrataError {
  const ref = target.ref;
  if (codes.includes('NAME_UNKNOWN') && ref) {
    return fail(
      'NOT_FOUND',
      `repository ${referenceName(ref)} not found (looking for ${formatReference(ref)})`,
    );
  }
  if (codes.includes('BLOB_UNKNOWN')) return fail('MISSING_BLOB', `${target.what} not found in the registry`);
  const of = ref ? ` (looking for ${formatReference(ref)})` : '';
  return fail('NOT_FOUND', `${target.what} not found${of}`);
}

async function readErrors(res: HttpResponse): Promise<Array<{ code: string; message: string }>> {
  let body: Buffer;
  try {
    body = await readCapped(res, ERROR_BODY_LIMIT, 'error response');
  } catch {
    return [];
  }
  try {
    const doc = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    if (!Array.isArray(doc.errors)) return [];
    return doc.errors.map((e: { code?: unknown; message?: unknown }) => ({
      code: String(e.code ?? 'UNKNOWN'),
      message: String(e.message ?? '').slice(0, 200),
    }));
  } catch {
    return [];
  }
}
