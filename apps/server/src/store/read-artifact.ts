/** Read a stored gzipped JSON artifact into memory (bounded by what the store wrote). */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ApiError } from '../http/api-error.js';
import type { AnalysisStore, Artifact } from './analysis-store.js';

const gunzipAsync = promisify(gunzip);

export async function readArtifact<T>(store: AnalysisStore, id: string, which: Artifact): Promise<T> {
  const path = await store.artifact(id, which);
  if (!path) throw new ApiError('NOT_FOUND', `no analysis ${id}`);
  const data = await readFile(path).catch(() => {
    const why = which === 'files' ? ' (stored before comparisons existed: analyze the image again)' : '';
    throw new ApiError('NOT_FOUND', `the analysis ${id} has no stored ${which}${why}`);
  });
  return JSON.parse((await gunzipAsync(data)).toString('utf8')) as T;
}
