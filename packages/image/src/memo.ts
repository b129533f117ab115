/** Lazy, memoized async getter: the work runs once, on first use (go-containerregistry's style). */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}
