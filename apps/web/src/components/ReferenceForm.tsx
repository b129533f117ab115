import { useEffect, useState, type FormEvent } from 'react';
import { lookupFor, lookupStatus, platformChoices } from '../lib/platform-choices.js';
import { useApp } from '../store/app-store.js';

/** A pause this long in typing a reference looks its platforms up (as leaving the box does). */
const LOOKUP_PAUSE_MS = 700;

/** `nginx:1.27`, `localhost:5000/team/api:dev`, `name@sha256:…`, a platform, optional credentials. */
export function ReferenceForm({ disabled }: { disabled: boolean }) {
  const analyze = useApp((s) => s.analyzeReference);
  const offered = useApp((s) => s.platforms);
  const anyLookup = useApp((s) => s.lookup);
  const lookUp = useApp((s) => s.lookUpPlatforms);
  const clearLookup = useApp((s) => s.clearPlatformLookup);
  const [reference, setReference] = useState('');
  const [platform, setPlatform] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const lookup = lookupFor(anyLookup, reference);
  const choices = platformChoices(lookup, offered);
  const status = lookupStatus(lookup);

  const lookUpNow = () => {
    if (disabled) return;
    if (!reference.trim()) return clearLookup();
    void lookUp({ reference, ...(username ? { username, password } : {}) });
  };

  // After a pause in typing: only the reference restarts the pause (credentials are read when it
  // fires, and leaving a credential box asks again).
  useEffect(() => {
    if (disabled || !reference.trim()) return;
    const timer = setTimeout(lookUpNow, LOOKUP_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [reference, disabled]);

  // A platform of the previous reference that this one does not offer would fail the pull.
  useEffect(() => {
    if (platform && !choices.platforms.includes(platform)) setPlatform('');
  }, [platform, choices.platforms]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ref = reference.trim();
    if (!ref) return;
    void analyze({
      reference: ref,
      ...(platform ? { platform } : {}),
      ...(username ? { username, password } : {}),
    });
  };

  return (
    <form className="reference-form" onSubmit={submit}>
      <div className="reference-row">
        <input
          aria-label="Image reference"
          placeholder="nginx:1.27 · localhost:5000/team/api:dev · name@sha256:…"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          onBlur={lookUpNow}
          disabled={disabled}
          spellCheck={false}
        />
        <select
          aria-label="Platform"
          value={platform}
          onChange={(e) => setPlatform(e.target.value)}
          disabled={disabled}
          aria-busy={lookup.state === 'looking'}
        >
          <option value="">{choices.placeholder}</option>
          {choices.platforms.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <button type="submit" disabled={disabled || reference.trim() === ''}>
          Analyze
        </button>
      </div>
      <div className="platform-status" aria-live="polite" data-testid="platform-status">
        {status && (
          <p className={`hint lookup-${status.kind}`} title={status.detail}>
            {status.kind === 'busy' && <span className="spinner" aria-hidden="true" />}
            {status.text}
            {status.detail && <span className="lookup-detail"> {status.detail}</span>}
          </p>
        )}
      </div>
      {choices.from === 'error' && (
        <p className="hint">This image has several platforms: pick one above and press Analyze again.</p>
      )}
      <details className="credentials">
        <summary>Credentials (private registries)</summary>
        <div className="reference-row">
          <input
            aria-label="Username"
            placeholder="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            onBlur={lookUpNow}
            disabled={disabled}
          />
          <input
            aria-label="Password or token"
            placeholder="password or token"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            onBlur={lookUpNow}
            disabled={disabled}
          />
        </div>
        <p className="hint">
          Sent for the platform lookup and the pull; the server keeps them in memory only while it uses them.
        </p>
      </details>
    </form>
  );
}
