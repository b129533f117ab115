/** The analyses API (see packages/contract): start, list, fetch, delete. */
import {
  AnalysisListSchema,
  ImageDocumentsSchema,
  type ImageDocuments,
  StartAnalysisResponseSchema,
  type AnalysisListItem,
  type ReferenceRequest,
  type Report,
} from '@strata/contract';
import { getJson } from './http.js';

export const modelUrl = (id: string): string => `/api/analyses/${encodeURIComponent(id)}/model`;
export const diveJsonUrl = (id: string): string => `/api/analyses/${encodeURIComponent(id)}/dive.json`;
export const reportUrl = (id: string): string => `/api/analyses/${encodeURIComponent(id)}`;

export async function listAnalyses(): Promise<AnalysisListItem[]> {
  return AnalysisListSchema.parse(await getJson('/api/analyses')).analyses;
}

export async function fetchReport(id: string): Promise<Report> {
  // The report is large only for big images and comes from our own server: trust its shape.
  return (await getJson(reportUrl(id))) as Report;
}

export const documentsUrl = (id: string): string => `/api/analyses/${encodeURIComponent(id)}/documents`;

export async function fetchDocuments(id: string): Promise<ImageDocuments> {
  return ImageDocumentsSchema.parse(await getJson(documentsUrl(id)));
}

export async function deleteAnalysis(id: string): Promise<void> {
  await getJson(reportUrl(id), { method: 'DELETE' });
}

export async function startReference(req: ReferenceRequest): Promise<string> {
  const body = await getJson('/api/analyses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
  });
  return StartAnalysisResponseSchema.parse(body).jobId;
}

export async function cancelJob(jobId: string): Promise<void> {
  await getJson(`/api/jobs/${encodeURIComponent(jobId)}`, { method: 'DELETE' }).catch(() => undefined);
}
