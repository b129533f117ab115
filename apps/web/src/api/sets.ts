/** Several images: analyze one of a kept upload, compare two analyses, the disk use of a set. */
import {
  CompareResponseSchema,
  DiskUseResponseSchema,
  PlatformOfferResponseSchema,
  StartAnalysisResponseSchema,
  TagsResponseSchema,
  type CompareResponse,
  type DiskUseResponse,
  type PlatformOfferResponse,
  type TagsResponse,
} from '@strata/contract';
import { getJson } from './http.js';

export async function analyzeHeldImage(upload: string, image: string, platform?: string): Promise<string> {
  const body = await getJson('/api/analyses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upload, image, ...(platform ? { platform } : {}) }),
  });
  return StartAnalysisResponseSchema.parse(body).jobId;
}

export async function fetchCompare(a: string, b: string): Promise<CompareResponse> {
  const q = new URLSearchParams({ a, b });
  return CompareResponseSchema.parse(await getJson(`/api/compare?${q}`));
}

export async function fetchDiskUse(ids: string[]): Promise<DiskUseResponse> {
  return DiskUseResponseSchema.parse(
    await getJson(`/api/disk-use?ids=${ids.map(encodeURIComponent).join(',')}`),
  );
}

export async function fetchTags(repository: string): Promise<TagsResponse> {
  return TagsResponseSchema.parse(await getJson(`/api/tags?repository=${encodeURIComponent(repository)}`));
}

/** The other platforms of an uploaded multi-platform archive, while the server keeps it. */
export async function fetchOffer(id: string): Promise<PlatformOfferResponse> {
  return PlatformOfferResponseSchema.parse(await getJson(`/api/offers/${encodeURIComponent(id)}`));
}
