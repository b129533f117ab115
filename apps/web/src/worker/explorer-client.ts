/** The page's side of the worker: one promise per request. */
import type { ModelInfo, Replies, ReplyEnvelope, Request, ViewResult } from './protocol.js';

export interface ExplorerPort {
  call<R extends Request>(req: R): Promise<Replies[R['op']]>;
}

export function startExplorerWorker(): ExplorerPort {
  const worker = new Worker(new URL('./explorer.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<
    number,
    { op: Request['op']; resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  let next = 1;
  worker.onmessage = (event: MessageEvent<ReplyEnvelope>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok && waiter.op === 'load') measurePhases(reply.value as ModelInfo);
    if (reply.ok && waiter.op === 'view') measureView(reply.value as ViewResult);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(reply.error));
  };
  worker.onerror = (event) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(event.message || 'the explorer worker failed'));
    pending.clear();
  };
  return {
    call<R extends Request>(req: R): Promise<Replies[R['op']]> {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { op: req.op, resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, ...req });
      });
    },
  };
}

/** The worker's load phases as measures on the page's timeline (the bench reports them). */
function measurePhases(info: ModelInfo): void {
  for (const p of info.phases ?? []) {
    const start = Math.max(0, p.start - performance.timeOrigin);
    performance.measure(p.name, { start, duration: Math.max(0, p.end - p.start) });
  }
}

/** The worker's time for a view, ending when its reply arrives (a little after it was done). */
function measureView(view: ViewResult): void {
  const end = performance.now();
  performance.measure('strata:view-compute', { start: Math.max(0, end - view.ms), end });
}
