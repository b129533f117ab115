/**
 * Byte sizes the way dive prints and parses them (go-humanize, SI units: 1 kB = 1000 B),
 * so CI thresholds like `20MB` mean the same in Strata as in dive.
 */
const SI = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** humanize.Bytes: `32025` -> `32 kB`, `1220598` -> `1.2 MB`, `9` -> `9 B`. */
export function humanBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const e = Math.floor(Math.log(bytes) / Math.log(1000));
  const value = Math.floor((bytes / Math.pow(1000, e)) * 10 + 0.5) / 10;
  // Go's %.0f rounds half to even: 18.5 prints as 18 (dive shows 18 kB for 18498 bytes).
  return `${value < 10 ? value.toFixed(1) : halfEven(value).toFixed(0)} ${SI[e]}`;
}

function halfEven(x: number): number {
  return x % 1 === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  ki: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  mi: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  gi: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4,
  ti: 1024 ** 4,
};

/** humanize.ParseBytes: `50kB` -> 50000, `1B` -> 1, `2 MiB` -> 2097152. Undefined when unreadable. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*([0-9][0-9,]*(?:\.[0-9]*)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const multiplier = MULTIPLIERS[(m[2] as string).toLowerCase()];
  if (multiplier === undefined) return undefined;
  return Math.floor(Number((m[1] as string).replace(/,/g, '')) * multiplier);
}

/** `0.9844212134184309` -> `98.44 %` (the form people compare with dive's UI). */
export function percent(ratio: number, digits = 2): string {
  return `${(ratio * 100).toFixed(digits)} %`;
}
