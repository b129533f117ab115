/** Read a stored gzipped artifact into memory (bounded by what the store wrote). */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ApiError } from '../http/api-error.js';
import type { AnalysisStore, Artifact } from './analysis-store.js';

const gunzipAsync = promisify(gunzip);

export async function readArtifact<T>(store: AnalysisStore, id: string, which: Artifact): Promise<T> {
  return JSON.parse((await readArtifactBytes(store, id, which)).toString('utf8')) as T;
}

/** A stored artifact's bytes, gunzipped (the binary ones: the model, the final files). */
export async function readArtifactBytes(store: AnalysisStore, id: string, which: Artifact): Promise<Buffer> {
  const path = await store.artifact(id, which);
  if (!path) throw new ApiError('NOT_FOUND', `no analysis ${id}`);
  const data = await readFile(path).catch(() => {
    const why = which === 'files' ? ' (stored before comparisons existed: analyze the image again)' : '';
    throw new ApiError('NOT_FOUND', `the analysis ${id} has no stored ${which}${why}`);
  });
  return gunzipAsync(data);
}
