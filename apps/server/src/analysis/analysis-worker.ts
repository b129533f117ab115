/**
 * Worker entry (bundled as analysis-worker.mjs beside the server): one analysis per message.
 * Layer indexes arrive packed with their buffers transferred; the gzipped artifacts go back
 * the same way, with the layers.
 */
import { parentPort } from 'node:worker_threads';
import { runAnalysis } from './analysis-task.js';
import { fullGc } from './full-gc.js';
import type { FromAnalysisWorker, ToAnalysisWorker } from './analysis-protocol.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker must run in a worker thread');

port.on('message', (message: ToAnalysisWorker) => {
  void answer(message);
});

async function answer(message: ToAnalysisWorker): Promise<void> {
  try {
    const output = await runAnalysis(message.input, message.source, fullGc);
    // Transfer only buffers the artifact owns whole (a small Buffer may sit in Node's shared pool).
    for (const key of Object.keys(output.files) as Array<keyof typeof output.files>)
      output.files[key] = owned(output.files[key]);
    const reply: FromAnalysisWorker = { ok: true, output };
    port?.postMessage(reply, [
      ...Object.values(output.files).map((f) => f.buffer as ArrayBuffer),
      ...output.layers.map((l) => l.buffer as ArrayBuffer),
    ]);
    // What this analysis left goes now, not when the next one needs the memory.
    fullGc();
  } catch (err) {
    const reply: FromAnalysisWorker = {
      ok: false,
      message: err instanceof Error ? err.message : String(err),
    };
    port?.postMessage(reply);
  }
}

function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}
