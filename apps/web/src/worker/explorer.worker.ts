/// <reference lib="webworker" />
/**
 * The Explorer in a Web Worker: the model is fetched here (never parsed on the page's thread)
 * and every view is computed here, so the page stays responsive on 100,000-file images.
 */
import { unpackModel } from '@strata/analysis';
import { ExplorerHost } from './explorer-host.js';
import type { Envelope, ReplyEnvelope } from './protocol.js';

const host = new ExplorerHost();
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(req: Envelope): Promise<unknown> {
  switch (req.op) {
    case 'load': {
      const res = await fetch(req.url);
      if (!res.ok) throw new Error(`loading the file tree failed: HTTP ${res.status}`);
      return host.load(unpackModel(new Uint8Array(await res.arrayBuffer())));
    }
    case 'view':
      return host.view(req.query);
    case 'rows':
      return host.slice(req.start, req.end);
    case 'layersOf':
      return host.layersOf(req.path);
    case 'dirs':
      return host.dirs();
  }
}

scope.onmessage = (event: MessageEvent<Envelope>) => {
  const req = event.data;
  handle(req).then(
    (value) => scope.postMessage({ id: req.id, ok: true, value } satisfies ReplyEnvelope),
    (e: unknown) =>
      scope.postMessage({
        id: req.id,
        ok: false,
        error: (e as Error).message ?? String(e),
      } satisfies ReplyEnvelope),
  );
};
