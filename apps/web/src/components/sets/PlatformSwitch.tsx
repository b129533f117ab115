/**
 * On the analysis page of a multi-platform image: the other platforms it offers, and a switch
 * that analyzes the chosen one and opens it. Pulled by reference: the index's platforms
 * (`POST /api/platforms`), pulled again. Uploaded: the server keeps a multi-platform archive
 * for a while (`GET /api/offers/:id`), so the other platform is read without a new upload.
 */
import type { Report } from '@strata/contract';
import { useEffect, useState } from 'react';
import { startReference } from '../../api/analyses.js';
import { lookupPlatforms } from '../../api/platforms.js';
import { jobResult } from '../../api/run-job.js';
import { analyzeHeldImage, fetchOffer } from '../../api/sets.js';

const ARCHIVE_SOURCE = /^(docker-archive|oci-archive|oci):/;

export function PlatformSwitch({ id, image }: { id: string; image: Report['image'] }) {
  const [platforms, setPlatforms] = useState<string[]>([]);
  const [upload, setUpload] = useState<{ upload: string; image: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const reference = ARCHIVE_SOURCE.test(image.source) ? undefined : image.source;
  useEffect(() => {
    const abort = new AbortController();
    // A switch is a convenience: without the registry, or once the upload is gone, no switch.
    if (reference)
      lookupPlatforms({ reference }, abort.signal).then(
        (found) => setPlatforms(found.index ? found.platforms : []),
        () => setPlatforms([]),
      );
    else
      fetchOffer(id).then(
        (offer) => {
          setUpload({ upload: offer.upload, image: offer.image });
          setPlatforms(offer.platforms);
        },
        () => setPlatforms([]),
      );
    return () => abort.abort();
  }, [id, reference]);
  if (platforms.length < 2 || (!reference && !upload)) return null;

  const start = (platform: string): Promise<string> =>
    reference
      ? startReference({ reference, platform })
      : analyzeHeldImage(upload!.upload, upload!.image, platform);
  const choose = async (platform: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await jobResult(await start(platform));
      location.assign(`/?analysis=${next}`);
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
