/**
 * Jobs in memory: create, run through the slot queue, cancel, look up, forget old ones.
 * Every way a job ends (done, failed, cancelled, timed out) goes through `run`'s finally,
 * which removes the job's files, so no temp file outlives its job.
 */
import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import type { ErrorBody } from '@strata/contract';
import { ApiError, toErrorBody } from '../http/api-error.js';
import { EarlyLayers } from '@strata/image';
import { rawDecoder } from './decoder-chain.js';
import { analyzeJob, type AnalyzeDeps, type JobResult } from './analyze-job.js';
import { Job } from './job.js';
import type { JobSource } from './job-source.js';
import { SlotQueue } from './slot-queue.js';

/** Finished jobs stay visible this long (a client reconnecting to events), then go. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const KEEP_FINISHED_MAX = 1000;

export class JobService {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: SlotQueue;

  constructor(private readonly deps: AnalyzeDeps) {
    this.queue = new SlotQueue(deps.config.jobConcurrency);
  }

  /** A job whose archive is still arriving; `start` it once the upload is on disk. */
  createUpload(name: string, bytesTotal: number | null): Job {
    return this.add(new Job('upload', name, bytesTotal));
  }

  /** Decodes the layers of an upload while it arrives (see packages/image early-layers.ts). */
  earlyLayers(job: Job): EarlyLayers {
    return new EarlyLayers(rawDecoder(this.deps), {
      limits: this.deps.config.limits,
      signal: job.signal,
    });
  }

  createReference(reference: string): Job {
    return this.add(new Job('reference', reference));
  }

  /** Queue, analyze, settle; never rejects (the outcome is on the job). */
  async run(job: Job, source: JobSource): Promise<void> {
    const timeout = AbortSignal.timeout(this.deps.config.jobTimeoutMs);
    const signal = AbortSignal.any([job.signal, timeout]);
    // Every layer's stream pipeline listens on the signal; dozens of layers are normal.
    setMaxListeners(0, signal, job.signal);
    let result: JobResult | undefined;
    let failure: ErrorBody | undefined;
    try {
      job.setPhase('queued');
      const release = await this.queue.acquire(job);
      try {
        result = await analyzeJob(job, source, signal, this.deps);
      } finally {
        release();
      }
      // However late a cancel came (the last phase included), the job ends cancelled.
      signal.throwIfAborted();
    } catch (err) {
      failure = this.describe(job, err, timeout.aborted);
      result = undefined;
    }
    // Files go before the job settles: whoever waits on it (a DELETE) sees them gone.
    await this.removeFiles(job);
    if (result) job.succeed(result.analysisId, result.digest, result.deduplicated);
    else job.fail(failure ?? toErrorBody(new ApiError('INTERNAL', 'the job ended without a result')));
  }

  /** End a job that failed before it ran (e.g. its upload broke). */
  async abandon(job: Job, err: unknown): Promise<ErrorBody> {
    const body = this.describe(job, err, false);
    await this.removeFiles(job);
    job.fail(body);
    return body;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  /** Cancel a running job (it fails with CANCELLED once its work has stopped), or forget a finished one. */
  async cancel(id: string): Promise<Job | undefined> {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.finished) {
      this.jobs.delete(id);
      return job;
    }
    job.controller.abort(new ApiError('CANCELLED', 'the job was cancelled'));
    await job.settled;
    return job;
  }

  counts(): { running: number; queued: number; uploading: number } {
    let uploading = 0;
    for (const job of this.jobs.values()) if (job.phase === 'uploading') uploading++;
    return { running: this.queue.runningCount, queued: this.queue.waitingCount, uploading };
  }

  /** Cancel everything (server shutdown) and wait for the jobs to clean up. */
  async close(): Promise<void> {
    const open = [...this.jobs.values()].filter((j) => !j.finished);
    for (const job of open) job.controller.abort(new ApiError('CANCELLED', 'the server is shutting down'));
    await Promise.all(open.map((j) => j.settled));
  }

  private add(job: Job): Job {
    this.prune();
    this.jobs.set(job.id, job);
    return job;
  }

  private describe(job: Job, err: unknown, timedOut: boolean): ErrorBody {
    if (timedOut) return toErrorBody(new ApiError('TIMEOUT', 'the analysis took too long'));
    if (job.signal.aborted) return toErrorBody(job.signal.reason);
    const body = toErrorBody(err);
    if (body.code === 'INTERNAL') console.error(`job ${job.id}:`, err);
    return { ...body, message: this.redact(job, body.message) };
  }

  /** Messages name the archive by the client's file name, not by our temp path. */
  private redact(job: Job, message: string): string {
    let out = message;
    for (const file of job.files) out = out.split(file).join(job.source);
    return out;
  }

  private async removeFiles(job: Job): Promise<void> {
    await Promise.all([...job.files].map((f) => rm(f, { recursive: true, force: true })));
    job.files.clear();
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.finished);
    finished.forEach((job, i) => {
      const old = now - job.updatedAt.getTime() > KEEP_FINISHED_MS;
      if (old || finished.length - i > KEEP_FINISHED_MAX) this.jobs.delete(job.id);
    });
  }
}
