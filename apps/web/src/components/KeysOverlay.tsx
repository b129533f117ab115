import { useEffect, useRef, type KeyboardEvent } from 'react';
import { KEY_HELP } from '../lib/keyboard.js';

/**
 * The `?` list of keys, as a modal dialog (WAI-ARIA APG dialog pattern): it takes focus when it
 * opens, keeps Tab inside, closes on Escape and gives focus back to where it was.
 */
export function KeysOverlay({ onClose }: { onClose: () => void }) {
  const card = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      // Only the Close button is focusable inside: Tab stays on it.
      e.preventDefault();
      close.current?.focus();
    }
  };
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="overlay-card"
        ref={card}
        role="dialog"
        aria-modal="true"
        aria-labelledby="keys-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <h2 id="keys-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {KEY_HELP.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
