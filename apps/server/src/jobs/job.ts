/**
 * One job's state and its event stream. State changes go through methods that also emit the
 * matching event, so the snapshot (`toJSON`) and the SSE stream can never disagree. Progress
 * events are throttled per key; the last one of a layer or upload always goes out.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorBody, Job as JobDto, JobEvent, JobPhase, LayerProgress } from '@strata/contract';

export type JobListener = (event: JobEvent) => void;

const THROTTLE_MS = 100;

export class Job {
  readonly id = randomUUID();
  readonly createdAt = new Date();
  readonly controller = new AbortController();
  /** Files that belong to this job and go away with it. */
  readonly files = new Set<string>();
  /** Resolves once the job is done or failed. */
  readonly settled: Promise<void>;
  phase: JobPhase;
  updatedAt = new Date();
  queuePosition: number | null = null;
  upload: { bytesDone: number; bytesTotal: number | null } | null;
  layers: LayerProgress[] = [];
  analysisId: string | null = null;
  deduplicated = false;
  error: ErrorBody | null = null;
  private readonly listeners = new Set<JobListener>();
  private readonly lastSent = new Map<string, number>();
  private settle!: () => void;

  constructor(
    readonly kind: 'upload' | 'reference',
    public source: string,
    uploadBytesTotal?: number | null,
  ) {
    this.phase = kind === 'upload' ? 'uploading' : 'queued';
    this.upload = kind === 'upload' ? { bytesDone: 0, bytesTotal: uploadBytesTotal ?? null } : null;
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get finished(): boolean {
    return this.phase === 'done' || this.phase === 'failed';
  }

  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setPhase(phase: Exclude<JobPhase, 'done' | 'failed'>): void {
    if (this.finished || this.phase === phase) return;
    this.phase = phase;
    if (phase !== 'queued') this.queuePosition = null;
    this.emit({ type: 'phase', phase });
  }

  setQueuePosition(position: number): void {
    if (this.finished || this.queuePosition === position) return;
    this.queuePosition = position;
    this.emit({ type: 'queue', position });
  }

  uploadProgress(bytesDone: number, final = false): void {
    if (!this.upload) return;
    this.upload.bytesDone = bytesDone;
    if (final) this.upload.bytesTotal = bytesDone;
    if (this.throttled('upload', final)) return;
    this.emit({ type: 'progress', phase: 'uploading', bytesDone, bytesTotal: this.upload.bytesTotal });
  }

  setLayers(sizes: number[]): void {
    this.layers = sizes.map((bytesTotal, index) => ({ index, bytesDone: 0, bytesTotal, done: false }));
  }

  layerProgress(index: number, bytesDone: number, done: boolean): void {
    const layer = this.layers[index];
    if (!layer || this.finished) return;
    layer.bytesDone = Math.min(bytesDone, layer.bytesTotal);
    layer.done = done;
    if (this.throttled(`layer:${index}`, done)) return;
    const layerCount = this.layers.length;
    this.emit({
      type: 'layer',
      index,
      layerCount,
      bytesDone: layer.bytesDone,
      bytesTotal: layer.bytesTotal,
      done,
    });
    if (this.throttled('progress', done && this.layers.every((l) => l.done))) return;
    const bytesDoneAll = this.layers.reduce((sum, l) => sum + l.bytesDone, 0);
    const bytesTotal = this.layers.reduce((sum, l) => sum + l.bytesTotal, 0);
    this.emit({ type: 'progress', phase: this.phase, bytesDone: bytesDoneAll, bytesTotal });
  }

  succeed(analysisId: string, digest: string, deduplicated: boolean): void {
    if (this.finished) return;
    this.analysisId = analysisId;
    this.deduplicated = deduplicated;
    this.finish('done', { type: 'done', analysisId, digest, deduplicated });
  }

  fail(error: ErrorBody): void {
    if (this.finished) return;
    this.error = error;
    this.finish('failed', { type: 'failed', error });
  }

  toJSON(): JobDto {
    return {
      id: this.id,
      kind: this.kind,
      source: this.source,
      phase: this.phase,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
      queuePosition: this.phase === 'queued' ? this.queuePosition : null,
      upload: this.upload ? { ...this.upload } : null,
      layers: this.layers.map((l) => ({ ...l })),
      analysisId: this.analysisId,
      deduplicated: this.deduplicated,
      error: this.error,
    };
  }

  private finish(phase: 'done' | 'failed', event: JobEvent): void {
    this.phase = phase;
    this.queuePosition = null;
    this.emit({ type: 'phase', phase });
    this.emit(event);
    this.listeners.clear();
    this.settle();
  }

  private throttled(key: string, force: boolean): boolean {
    const now = Date.now();
    if (!force && now - (this.lastSent.get(key) ?? 0) < THROTTLE_MS) return true;
    this.lastSent.set(key, now);
    return false;
  }

  private emit(event: JobEvent): void {
    this.updatedAt = new Date();
    for (const listener of this.listeners) listener(event);
  }
}
