/**
 * Uploads kept after SEVERAL_IMAGES, so that the client can analyze one, some or all of the
 * archive's images without sending it again. Kept under the data dir's tmp/ (swept at start),
 * each for a while after its last use, a bounded number at once (the oldest goes first).
 */
import { randomUUID } from 'node:crypto';
import { link, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface HeldUpload {
  token: string;
  path: string;
  /** The client's file name. */
  name: string;
  expires: number;
  /** Jobs reading it now: never removed under them (blobs are read by range, by path). */
  leases: number;
}

const KEEP_MS = 30 * 60 * 1000;
const MAX_HELD = 8;

export interface PlatformOffer {
  upload: string;
  /** `@N` of the image in the archive. */
  image: string;
  platforms: string[];
}

export class HeldUploads {
  private readonly held = new Map<string, HeldUpload>();
  private readonly offers = new Map<string, PlatformOffer>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly dir: string,
    private readonly keepMs = KEEP_MS,
  ) {
    this.timer = setInterval(() => void this.sweep(), Math.min(this.keepMs, 60_000));
    this.timer.unref();
  }

  /**
   * Take over the file at `path`: moved, so its job's cleanup leaves it alone; or, with `copy`,
   * hard-linked (same volume), for a job that still reads it.
   */
  async hold(path: string, name: string, copy = false): Promise<string> {
    const token = randomUUID();
    const kept = join(this.dir, `held-${token}`);
    await (copy ? link(path, kept) : rename(path, kept));
    this.held.set(token, { token, path: kept, name, expires: Date.now() + this.keepMs, leases: 0 });
    const idle = [...this.held.values()].filter((u) => u.leases === 0 && u.token !== token);
    for (const old of idle.slice(0, Math.max(0, this.held.size - MAX_HELD))) await this.drop(old.token);
    return token;
  }

  /** The kept upload, leased until `release` is called; undefined when unknown or gone. */
  lease(token: string): { upload: HeldUpload; release: () => void } | undefined {
    const upload = this.held.get(token);
    if (!upload) return undefined;
    upload.leases++;
    const release = (): void => {
      upload.leases--;
      upload.expires = Date.now() + this.keepMs;
    };
    return { upload, release };
  }

  /** An analysis of one platform of a kept multi-platform upload: where to find the others. */
  offer(analysisId: string, offer: PlatformOffer): void {
    this.offers.set(analysisId, offer);
  }

  /** The other platforms of an analysis' upload, while the upload is still kept. */
  offerFor(analysisId: string): PlatformOffer | undefined {
    const offer = this.offers.get(analysisId);
    if (offer && this.held.has(offer.upload)) return offer;
    this.offers.delete(analysisId);
    return undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.held.keys()].map((t) => this.drop(t)));
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const upload of [...this.held.values()])
      if (upload.expires < now && upload.leases === 0) await this.drop(upload.token);
  }

  private async drop(token: string): Promise<void> {
    const upload = this.held.get(token);
    this.held.delete(token);
    if (upload) await rm(upload.path, { force: true });
  }
}
