import { CopyButton } from './advice/CopyButton.js';

/** A full digest, labelled, selectable and with a copy button (never truncated in the text). */
export function Digest({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="digest" data-testid={testId}>
      <span className="digest-label">{label}</span>
      <code className="digest-value">{value}</code>
      <CopyButton text={value} label="Copy" ariaLabel={`Copy ${label}`} small />
    </div>
  );
}
