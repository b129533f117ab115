import { useState, type FormEvent } from 'react';
import { useApp } from '../store/app-store.js';

const COMMON_PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
];

/** `nginx:1.27`, `localhost:5000/team/api:dev`, `name@sha256:…`, a platform, optional credentials. */
export function ReferenceForm({ disabled }: { disabled: boolean }) {
  const analyze = useApp((s) => s.analyzeReference);
  const offered = useApp((s) => s.platforms);
  const [reference, setReference] = useState('');
  const [platform, setPlatform] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

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

  const choices = offered.length > 0 ? offered : COMMON_PLATFORMS;
  return (
    <form className="reference-form" onSubmit={submit}>
      <div className="reference-row">
        <input
          aria-label="Image reference"
          placeholder="nginx:1.27 · localhost:5000/team/api:dev · name@sha256:…"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          disabled={disabled}
          spellCheck={false}
        />
        <select
          aria-label="Platform"
          value={platform}
          onChange={(e) => setPlatform(e.target.value)}
          disabled={disabled}
        >
          <option value="">{offered.length > 0 ? 'pick a platform…' : 'default platform'}</option>
          {choices.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <button type="submit" disabled={disabled || reference.trim() === ''}>
          Analyze
        </button>
      </div>
      {offered.length > 0 && (
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
            disabled={disabled}
          />
          <input
            aria-label="Password or token"
            placeholder="password or token"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={disabled}
          />
        </div>
        <p className="hint">Sent once for this pull; the server keeps them in memory only while it pulls.</p>
      </details>
    </form>
  );
}
