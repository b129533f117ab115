import { useMemo } from 'react';
import { highlightShell } from '../lib/shell-highlight.js';

/** Words longer than this may break anywhere (a URL wider than the pane); shorter ones never do. */
const LONG_WORD = 48;

/**
 * An instruction with light shell highlighting; the full text, never cut. Wrapped, it breaks at
 * spaces only: each word is kept whole (a browser would otherwise break after the hyphens of
 * `--no-install-recommends`).
 */
export function ShellText({ text, className }: { text: string; className?: string }) {
  const tokens = useMemo(() => highlightShell(text), [text]);
  const wrapped = className?.includes('wrapped') ?? false;
  return (
    <code className={`shell ${className ?? ''}`}>
      {tokens.map((t, i) => (
        <span key={i} className={`sh-${t.kind}`}>
          {wrapped ? <Words text={t.text} /> : t.text}
        </span>
      ))}
    </code>
  );
}

function Words({ text }: { text: string }) {
  const parts = text.split(/(\s+)/);
  return (
    <>
      {parts.map((p, i) =>
        p === '' || /^\s+$/.test(p) || p.length > LONG_WORD ? (
          p
        ) : (
          <span key={i} className="nb">
            {p}
          </span>
        ),
      )}
    </>
  );
}
