import { useEffect, useState } from 'react';
import { copyText } from '../../lib/clipboard.js';

type Outcome = 'idle' | 'copied' | 'failed';

interface Props {
  text: string;
  label: string;
  /** The accessible name when the visible label is short ("Copy"). */
  ariaLabel?: string;
  small?: boolean;
}

/** A button that copies `text` and says for a moment whether it worked. */
export function CopyButton({ text, label, ariaLabel, small }: Props) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <button
      type="button"
      className={`copy-button ${outcome}${small ? ' small' : ''}`}
      aria-label={ariaLabel}
      onClick={() => void copyText(text).then((ok) => setOutcome(ok ? 'copied' : 'failed'))}
    >
      {outcome === 'copied' ? 'Copied ✓' : outcome === 'failed' ? 'Copy failed: select the text' : label}
      <span className="sr-only" role="status">
        {outcome === 'copied' ? 'Copied' : ''}
      </span>
    </button>
  );
}
