import { useEffect, useState } from 'react';
import { copyText } from '../../lib/clipboard.js';

type Outcome = 'idle' | 'copied' | 'failed';

/** A button that copies `text` and says for a moment whether it worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <button
      type="button"
      className={`copy-button ${outcome}`}
      onClick={() => void copyText(text).then((ok) => setOutcome(ok ? 'copied' : 'failed'))}
    >
      {outcome === 'copied' ? 'Copied ✓' : outcome === 'failed' ? 'Copy failed: select the text' : label}
    </button>
  );
}
