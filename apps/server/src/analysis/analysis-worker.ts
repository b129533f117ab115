/**
 * Worker entry (bundled as analysis-worker.mjs beside the server): one analysis per message.
 * Layer indexes arrive packed with their buffers transferred; the gzipped artifacts go back
 * the same way.
 */
import { parentPort } from 'node:worker_threads';
import { unpackLayerIndex } from '@strata/analysis';
import { runAnalysis } from './analysis-task.js';
import type { FromAnalysisWorker, ToAnalysisWorker } from './analysis-protocol.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker must run in a worker thread');

port.on('message', (message: ToAnalysisWorker) => {
  let reply: FromAnalysisWorker;
  try {
    const layers = message.layers.map((packed) => unpackLayerIndex(packed));
    const output = runAnalysis({ ...message.input, layers }, message.source);
    reply = { ok: true, output };
    port.postMessage(
      reply,
      Object.values(output.files).map((f) => f.buffer as ArrayBuffer),
    );
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
});
