/**
 * How much a finding matters, by the bytes it wins back: absolute for big images, relative for
 * small ones (3 MB of waste in a 5 MB image is most of it). No bytes: info (layer count, style).
 */
import type { Severity } from './types.js';

const MB = 1e6;

export function severityForBytes(bytes: number, imageBytes: number): Severity {
  if (bytes <= 0) return 'info';
  const share = imageBytes > 0 ? bytes / imageBytes : 0;
  if (bytes >= 100 * MB || share >= 0.25) return 'high';
  if (bytes >= 10 * MB || share >= 0.05) return 'medium';
  return 'low';
}

const ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

export function compareSeverity(a: Severity, b: Severity): number {
  return ORDER[a] - ORDER[b];
}
