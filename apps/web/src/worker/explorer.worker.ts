/// <reference lib="webworker" />
/**
 * The Explorer in a Web Worker: the model is fetched here (never parsed on the page's thread)
 * and every view is computed here, so the page stays responsive on 100,000-file images.
 */
import type { Envelope, Phase, ReplyEnvelope } from './protocol.js';

// The explorer's code loads while the model downloads: the worker's first act is the request.
const modules = Promise.all([import('@strata/analysis'), import('./explorer-host.js')]).then(
  ([analysis, hosting]) => ({ unpackModel: analysis.unpackModel, host: new hosting.ExplorerHost() }),
);

/** Consecutive spans, timed on the epoch clock (the page's and the worker's time origins differ). */
class Phases {
  readonly list: Phase[] = [];
  private at = Phases.now();

  end(name: string): void {
    const now = Phases.now();
    this.list.push({ name, start: this.at, end: now });
    this.at = now;
  }

  private static now(): number {
    return performance.timeOrigin + performance.now();
  }
}
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(req: Envelope): Promise<unknown> {
  if (req.op === 'load') return load(req.url);
  const { host } = await modules;
  switch (req.op) {
    case 'view':
      return host.view(req.query, req.rows);
    case 'rows':
      return host.slice(req.start, req.end);
    case 'layersOf':
      return host.layersOf(req.path);
    case 'dirs':
      return host.dirs();
  }
}

async function load(url: string): Promise<unknown> {
  const phases = new Phases();
  const res = await fetch(url);
  phases.end('strata:model-response');
  if (!res.ok) throw new Error(`loading the file tree failed: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  phases.end('strata:model-download');
  const { unpackModel, host } = await modules;
  phases.end('strata:worker-code'); // ~0: loaded during the download
  const model = unpackModel(bytes);
  phases.end('strata:model-unpack');
  const info = host.load(model);
  phases.end('strata:model-index');
  return { ...info, phases: phases.list };
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
