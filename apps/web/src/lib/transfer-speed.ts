/** Upload speed over the last few seconds, so a stall shows as a falling number, not an average. */
export interface Sample {
  at: number;
  bytes: number;
}

const WINDOW_MS = 3000;

export function addSample(samples: Sample[], sample: Sample): Sample[] {
  const recent = samples.filter((s) => sample.at - s.at <= WINDOW_MS);
  // Keep the newest older sample as the window's anchor, so a long stall reads as slow, not 0.
  const anchor = samples.filter((s) => sample.at - s.at > WINDOW_MS).pop();
  return anchor ? [anchor, ...recent, sample] : [...recent, sample];
}

/** Bytes per second across the window; 0 until there are two samples. */
export function speedOf(samples: Sample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at <= first.at) return 0;
  return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
}

export function percentDone(done: number, total: number | undefined): number | undefined {
  if (!total) return undefined;
  return Math.min(100, Math.floor((done / total) * 100));
}
