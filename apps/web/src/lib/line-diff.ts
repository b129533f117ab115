/**
 * A line diff of two Dockerfiles (longest common subsequence), for the advice panel's
 * before/after view. Dockerfiles are short, so the quadratic table is fine; the common head and
 * tail are cut off first, which leaves only the changed middle for it in practice.
 */
export type DiffOp = 'same' | 'removed' | 'added';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line number in the before file (same, removed). */
  before?: number;
  /** 1-based line number in the after file (same, added). */
  after?: number;
}

/** Cells of the LCS table beyond which the middle is shown as all removed, then all added. */
const MAX_CELLS = 4_000_000;

export function splitLines(text: string): string[] {
  const trimmed = text.replace(/\n+$/, '');
  return trimmed === '' ? [] : trimmed.split('\n');
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i] as string, before: i + 1, after: i + 1 });
  out.push(...diffMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head));
  for (let k = tail; k > 0; k--) {
    const i = a.length - k;
    const j = b.length - k;
    out.push({ op: 'same', text: a[i] as string, before: i + 1, after: j + 1 });
  }
  return out;
}

/** LCS of the changed middle; `offset` lines precede it in both files. */
function diffMiddle(a: string[], b: string[], offset: number): DiffLine[] {
  const out: DiffLine[] = [];
  const removed = (i: number): DiffLine => ({ op: 'removed', text: a[i] as string, before: offset + i + 1 });
  const added = (j: number): DiffLine => ({ op: 'added', text: b[j] as string, after: offset + j + 1 });
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    a.forEach((_, i) => out.push(removed(i)));
    b.forEach((_, j) => out.push(added(j)));
    return out;
  }
  // common[i * w + j]: length of the longest common subsequence of a[i..] and b[j..].
  const w = b.length + 1;
  const common = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * w + j] =
        a[i] === b[j]
          ? (common[(i + 1) * w + j + 1] as number) + 1
          : Math.max(common[(i + 1) * w + j] as number, common[i * w + j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] as string, before: offset + i + 1, after: offset + j + 1 });
      i++;
      j++;
    } else if (
      i < a.length &&
      (j >= b.length || (common[(i + 1) * w + j] as number) >= (common[i * w + j + 1] as number))
    ) {
      out.push(removed(i++)); // removals first, as diff(1) shows them
    } else {
      out.push(added(j++));
    }
  }
  return out;
}

export type DiffChunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'fold'; lines: DiffLine[] };

/**
 * Unchanged runs more than `context` lines away from any change are folded, as in a unified
 * diff; a fold hides at least `minFold` lines (folding one line saves nothing).
 */
export function foldUnchanged(lines: DiffLine[], context = 3, minFold = 3): DiffChunk[] {
  const near = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.op === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) near[k] = 1;
  });
  const chunks: DiffChunk[] = [];
  let i = 0;
  while (i < lines.length) {
    let end = i;
    const folded = near[i] === 0;
    while (end < lines.length && (near[end] === 0) === folded) end++;
    const run = lines.slice(i, end);
    const kind = folded && run.length >= minFold ? 'fold' : 'lines';
    const last = chunks[chunks.length - 1];
    if (kind === 'lines' && last?.kind === 'lines') last.lines.push(...run);
    else chunks.push({ kind, lines: run });
    i = end;
  }
  return chunks;
}

export function hasChanges(lines: DiffLine[]): boolean {
  return lines.some((l) => l.op !== 'same');
}
