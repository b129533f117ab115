/**
 * On the analysis page of an image pulled from a registry: the other platforms its reference
 * offers (`POST /api/platforms`), and a switch that analyzes the chosen one and opens it.
 * Archives are not kept after their analysis, so an upload has nothing to switch to here (the
 * picker offers the platforms of an archive holding several images before it is analyzed).
 */
import type { Report } from '@strata/contract';
import { useEffect, useState } from 'react';
import { startReference } from '../../api/analyses.js';
import { lookupPlatforms } from '../../api/platforms.js';
import { jobResult } from '../../api/run-job.js';

const ARCHIVE_SOURCE = /^(docker-archive|oci-archive|oci):/;

export function PlatformSwitch({ image }: { image: Report['image'] }) {
  const [platforms, setPlatforms] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const reference = ARCHIVE_SOURCE.test(image.source) ? undefined : image.source;
  useEffect(() => {
    if (!reference) return;
    const abort = new AbortController();
    lookupPlatforms({ reference }, abort.signal).then(
      (found) => setPlatforms(found.index ? found.platforms : []),
      () => setPlatforms([]), // a switch is a convenience: without the registry, no switch
    );
    return () => abort.abort();
  }, [reference]);
  if (!reference || platforms.length < 2) return null;

  const choose = async (platform: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const id = await jobResult(await startReference({ reference, platform }));
      location.assign(`/?analysis=${id}`);
    } catch (e) {
      setBusy(false);
      setError((e as Error).message);
    }
  };
  return (
    <label className="platform-switch">
      <span className="muted small">Platform</span>
      <select
        aria-label="Switch to os/arch"
        value={image.platform}
        disabled={busy}
        onChange={(e) => void choose(e.target.value)}
      >
        {platforms.includes(image.platform) ? null : <option value={image.platform}>{image.platform}</option>}
        {platforms.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      {busy && <span className="muted small"> analyzing…</span>}
      {error && <span role="alert"> {error}</span>}
    </label>
  );
}
