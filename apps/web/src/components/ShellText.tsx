import { useMemo } from 'react';
import { highlightShell } from '../lib/shell-highlight.js';

/** An instruction with light shell highlighting; the full text, wrapped, never cut. */
export function ShellText({ text, className }: { text: string; className?: string }) {
  const tokens = useMemo(() => highlightShell(text), [text]);
  return (
    <code className={`shell ${className ?? ''}`}>
      {tokens.map((t, i) => (
        <span key={i} className={`sh-${t.kind}`}>
          {t.text}
        </span>
      ))}
    </code>
  );
}
