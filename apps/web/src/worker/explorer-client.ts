/** The page's side of the worker: one promise per request. */
import type { Replies, ReplyEnvelope, Request } from './protocol.js';

export interface ExplorerPort {
  call<R extends Request>(req: R): Promise<Replies[R['op']]>;
}

export function startExplorerWorker(): ExplorerPort {
  const worker = new Worker(new URL('./explorer.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<ReplyEnvelope>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
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
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, ...req });
      });
    },
  };
}
