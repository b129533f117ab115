/**
 * Last-resort cleanup: whatever a harness started is stopped when the test process exits,
 * even when a test forgot `stop()` or failed before `afterAll`. Each harness still stops
 * itself explicitly; this only catches what was left.
 */
const pending = new Set<() => void>();
let hooked = false;

/** Register a synchronous cleanup; returns a function that unregisters it. */
export function onExit(cleanup: () => void): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const fn of pending) {
        try {
          fn();
        } catch {
          // best effort: the process is going away
        }
      }
    });
  }
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}
