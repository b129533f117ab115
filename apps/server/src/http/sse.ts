/**
 * A job's events as Server-Sent Events: a `job` snapshot first (a late subscriber misses
 * nothing), then live events, closing after `done` or `failed`. Comments keep idle proxies
 * from dropping the connection while a job waits in the queue.
 */
import type { Request, Response } from 'express';
import type { JobEvent } from '@strata/contract';
import type { Job } from '../jobs/job.js';

const HEARTBEAT_MS = 15_000;

export function streamJobEvents(_req: Request, res: Response, job: Job): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
  });
  let id = 0;
  const send = (event: JobEvent): void => {
    res.write(`id: ${++id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  send({ type: 'job', job: job.toJSON() });
  const last = terminalEvent(job);
  if (last) {
    send(last);
    res.end();
    return;
  }
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const unsubscribe = job.subscribe((event) => {
    send(event);
    if (event.type === 'done' || event.type === 'failed') {
      stop();
      res.end();
    }
  });
  // The response's close, not the request's: a GET's request closes once read, before the stream ends.
  res.on('close', stop);
}

function terminalEvent(job: Job): JobEvent | undefined {
  if (job.phase === 'done' && job.analysisId)
    return {
      type: 'done',
      analysisId: job.analysisId,
      digest: job.analysisId.replace('-', ':'),
      deduplicated: job.deduplicated,
    };
  if (job.phase === 'failed' && job.error) return { type: 'failed', error: job.error };
  return undefined;
}
