import { humanBytes } from '@strata/analysis';
import { percentDone } from '../lib/transfer-speed.js';
import { useApp } from '../store/app-store.js';
import { ProgressBar } from './ProgressBar.js';

const PHASE_TEXT: Record<string, string> = {
  uploading: 'Uploading',
  queued: 'Waiting for a free slot',
  pulling: 'Pulling layers from the registry',
  analyzing: 'Analyzing layers',
  done: 'Done',
  failed: 'Failed',
};

/** Upload bytes, %, speed; then the job's phase, queue position and per-layer bars. */
export function JobProgress() {
  const upload = useApp((s) => s.upload);
  const job = useApp((s) => s.job);
  const source = useApp((s) => s.jobSource);
  const cancel = useApp((s) => s.cancelJob);
  if (!job) return null;
  const uploadPct = upload ? percentDone(upload.done, upload.total) : undefined;
  const jobPct = job.bytesTotal ? percentDone(job.bytesDone, job.bytesTotal) : undefined;
  return (
    <section className="job" aria-label="Progress" aria-live="polite">
      <div className="job-head">
        <strong>{source}</strong>
        <span className="job-phase" data-testid="job-phase">
          {PHASE_TEXT[job.phase] ?? job.phase}
          {job.phase === 'queued' && job.queuePosition ? ` (position ${job.queuePosition})` : ''}
        </span>
        <button type="button" className="link-button" onClick={cancel}>
          Cancel
        </button>
      </div>
      {upload && (
        <div className="job-row">
          <ProgressBar value={uploadPct} label="Upload" />
          <span className="job-numbers" data-testid="upload-numbers">
            {humanBytes(upload.done)} of {humanBytes(upload.total)} · {uploadPct ?? 0} % ·{' '}
            {humanBytes(Math.round(upload.speed))}/s
          </span>
        </div>
      )}
      {job.phase !== 'uploading' && job.bytesTotal !== null && job.bytesDone > 0 && (
        <div className="job-row">
          <ProgressBar value={jobPct} label="Analysis" />
          <span className="job-numbers">
            {humanBytes(job.bytesDone)} of {humanBytes(job.bytesTotal)}
          </span>
        </div>
      )}
      {job.layers.length > 0 && (
        <ol className="layer-bars">
          {job.layers.map((l) => (
            <li key={l.index}>
              <span className="layer-bar-label">layer {l.index}</span>
              <ProgressBar
                value={l.done ? 100 : percentDone(l.bytesDone, l.bytesTotal)}
                label={`Layer ${l.index}`}
              />
              <span className="job-numbers">{l.done ? 'done' : humanBytes(l.bytesDone)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
