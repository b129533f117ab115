import { useMemo } from 'react';
import { hexLines } from './hex.js';

const MAX_LINES = 4096; // 64 KiB on screen; the rest is a download away

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const lines = useMemo(() => hexLines(bytes, MAX_LINES), [bytes]);
  return (
    <div>
      <pre className="viewer-hex" data-testid="viewer-hex">
        {lines.join('\n')}
      </pre>
      {bytes.length > MAX_LINES * 16 && (
        <p className="muted small">Hex shows the first {MAX_LINES * 16} bytes.</p>
      )}
    </div>
  );
}
