/**
 * A job's Server-Sent Events folded into one progress value. `reduceJob` is pure (tested);
 * `followJob` wires it to an EventSource.
 */
import {
  JobEventSchema,
  type ErrorBody,
  type JobEvent,
  type JobPhase,
  type LayerProgress,
} from '@strata/contract';

export interface JobView {
  phase: JobPhase;
  queuePosition: number | null;
  bytesDone: number;
  bytesTotal: number | null;
  layers: LayerProgress[];
  analysisId?: string;
  error?: ErrorBody;
}

export const initialJob: JobView = {
  phase: 'uploading',
  queuePosition: null,
  bytesDone: 0,
  bytesTotal: null,
  layers: [],
};

export function reduceJob(view: JobView, event: JobEvent): JobView {
  switch (event.type) {
    case 'job': {
      const job = event.job;
      const next: JobView = {
        phase: job.phase,
        queuePosition: job.queuePosition,
        bytesDone: job.upload?.bytesDone ?? view.bytesDone,
        bytesTotal: job.upload?.bytesTotal ?? view.bytesTotal,
        layers: job.layers,
      };
      if (job.analysisId) next.analysisId = job.analysisId;
      if (job.error) next.error = job.error;
      return next;
    }
    case 'phase':
      return {
        ...view,
        phase: event.phase,
        queuePosition: event.phase === 'queued' ? view.queuePosition : null,
      };
    case 'queue':
      return { ...view, queuePosition: event.position };
    case 'progress':
      return { ...view, phase: event.phase, bytesDone: event.bytesDone, bytesTotal: event.bytesTotal };
    case 'layer': {
      const layers = view.layers.slice();
      // Fill unknown layers so the bars keep their order even when layer 3 reports before 1.
      for (let i = layers.length; i < event.layerCount; i++)
        layers.push({ index: i, bytesDone: 0, bytesTotal: 0, done: false });
      layers[event.index] = {
        index: event.index,
        bytesDone: event.bytesDone,
        bytesTotal: event.bytesTotal,
        done: event.done,
      };
      return { ...view, layers };
    }
    case 'done':
      return { ...view, phase: 'done', analysisId: event.analysisId };
    case 'failed':
      return { ...view, phase: 'failed', error: event.error };
  }
}

/** Over, with its outcome known: the analysis id, or the error. */
export function isFinished(view: JobView): boolean {
  return (
    (view.phase === 'done' && view.analysisId !== undefined) ||
    (view.phase === 'failed' && view.error !== undefined)
  );
}

const EVENT_TYPES: JobEvent['type'][] = ['job', 'phase', 'queue', 'progress', 'layer', 'done', 'failed'];

/** Calls `onChange` on each event; closes itself at done/failed. Returns a closer. */
export function followJob(
  jobId: string,
  onChange: (view: JobView) => void,
  start: JobView = initialJob,
): () => void {
  const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
  let view = start;
  let finished = false;
  const onEvent = (e: MessageEvent<string>): void => {
    let parsed;
    try {
      parsed = JobEventSchema.safeParse(JSON.parse(e.data));
    } catch {
      return;
    }
    if (!parsed.success) return;
    view = reduceJob(view, parsed.data);
    // A `phase: done` event may come before the `done` event that carries the analysis id.
    if (isFinished(view)) {
      finished = true;
      source.close();
    }
    onChange(view);
  };
  for (const type of EVENT_TYPES) source.addEventListener(type, onEvent as EventListener);
  source.onerror = () => {
    // EventSource retries by itself; a closed stream before done/failed is a lost server.
    if (finished || source.readyState !== EventSource.CLOSED) return;
    view = {
      ...view,
      phase: 'failed',
      error: {
        code: 'NETWORK',
        message: 'Lost the connection to the server while it worked on the image.',
        status: 503,
      },
    };
    onChange(view);
  };
  return () => source.close();
}
