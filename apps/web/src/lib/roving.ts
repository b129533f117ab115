/**
 * Roving tabindex (WAI-ARIA APG "Keyboard Navigation Inside Components"): a list is one Tab
 * stop; the arrows (and j/k, Home/End) move focus between its items. This is the pure part:
 * which item a key moves to.
 */
export function rovingTarget(key: string, index: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
    case 'k':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
