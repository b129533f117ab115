/** Small HTTP helpers for the tests: uploads, job waits, SSE reading. */
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import type { Job, JobEvent } from '@strata/contract';

export async function uploadRaw(base: string, path: string, query = ''): Promise<Response> {
  return fetch(`${base}/api/analyses${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: await readFile(path),
  });
}

export async function uploadMultipart(base: string, path: string, fileName = 'image.tar'): Promise<Response> {
  const form = new FormData();
  form.append('file', await openAsBlob(path), fileName);
  return fetch(`${base}/api/analyses`, { method: 'POST', body: form });
}

export async function jobIdOf(res: Response): Promise<string> {
  const body = (await res.json()) as { jobId?: string; error?: unknown };
  if (res.status !== 202 || !body.jobId)
    throw new Error(`expected 202, got ${res.status} ${JSON.stringify(body)}`);
  return body.jobId;
}

/** Poll until the job is done or failed. */
export async function waitForJob(base: string, jobId: string, timeoutMs = 30_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await fetch(`${base}/api/jobs/${jobId}`)).json()) as Job;
    if (job.phase === 'done' || job.phase === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.phase}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Read a job's SSE stream to its end; every message's `event:` must match its data's type. */
export async function readEvents(base: string, jobId: string): Promise<JobEvent[]> {
  const res = await fetch(`${base}/api/jobs/${jobId}/events`);
  if (res.headers.get('content-type')?.startsWith('text/event-stream') !== true)
    throw new Error(`not an event stream: ${res.status}`);
  const events: JobEvent[] = [];
  for (const block of (await res.text()).split('\n\n')) {
    const name = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (!name || !data) continue;
    const event = JSON.parse(data) as JobEvent;
    if (event.type !== name) throw new Error(`event ${name} carries ${event.type}`);
    events.push(event);
  }
  return events;
}

/** A raw request, for what fetch cannot do: a lying Content-Length, a body cut off mid-way. */
export function rawRequest(
  base: string,
  options: { headers: Record<string, string | number>; body?: Buffer; end?: boolean; path?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${options.path ?? '/api/analyses'}`, {
      method: 'POST',
      headers: options.headers,
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    if (options.end !== false) req.end();
    else req.flushHeaders(); // Node sends nothing before the first write otherwise
  });
}

/** An upload whose body the test sends piece by piece (or never finishes). */
export function startUpload(
  base: string,
  headers: Record<string, string | number>,
): { req: ClientRequest; response: Promise<{ status: number; body: string }> } {
  const req = request(`${base}/api/analyses`, { method: 'POST', headers });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  response.catch(() => {});
  return { req, response };
}

/** The one job in phase uploading (tests upload one at a time). */
export async function uploadingJob(base: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const { jobs } = (await (await fetch(`${base}/api/jobs`)).json()) as { jobs: Job[] };
    const job = jobs.find((j) => j.phase === 'uploading' && j.upload && j.upload.bytesDone > 0);
    if (job) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no job is uploading');
}
