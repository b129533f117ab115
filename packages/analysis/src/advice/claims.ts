/**
 * Rules overlap (a cache file deleted in a later RUN is both a leftover and a late cleanup).
 * Rules run in priority order and each occurrence's bytes go to the first finding that claims
 * them, so the findings' recoverable bytes add up without counting a byte twice.
 */
import type { Occurrence } from './occurrences.js';

export class Claims {
  private readonly taken = new Set<Occurrence>();

  /** Claims the occurrences nobody has yet; returns those. */
  claim(occurrences: Iterable<Occurrence>): Occurrence[] {
    const mine: Occurrence[] = [];
    for (const o of occurrences) {
      if (this.taken.has(o)) continue;
      this.taken.add(o);
      mine.push(o);
    }
    return mine;
  }

  isClaimed(o: Occurrence): boolean {
    return this.taken.has(o);
  }

  unclaimed(occurrences: Iterable<Occurrence>): Occurrence[] {
    return [...occurrences].filter((o) => !this.taken.has(o));
  }
}
