import type { ReadableError } from '../lib/errors.js';

/** A failure where the user is looking, with what to do next; never only in the console. */
export function ErrorBox({ error, onDismiss }: { error: ReadableError; onDismiss?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <strong className="error-title">{error.title}</strong>
      <p className="error-message">{error.message}</p>
      <p className="error-hint">
        {/* Hints quote commands between backticks: show those as code. */}
        {error.hint.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
      </p>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
