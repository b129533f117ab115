/**
 * Finished analyses on disk, content-addressed by image digest (`analyses/<id>/`): the summary,
 * the dive export and the browser model, gzipped (JSON of big trees compresses 10x and is
 * served as is to clients that accept gzip), plus meta.json for the list. An in-memory index
 * answers lists and lookups; a size budget evicts the least recently used. Last use is kept
 * as meta.json's mtime, so the order survives a restart.
 *
 * A result stored without advice (by a server that predates it, or when advice failed) is still
 * listed and served, but does not count as stored for deduplication: analyzing the image again
 * replaces it with one that has advice.
 */
import { mkdir, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AnalysisListItem, ImageDocuments } from '@strata/contract';
import { writeDirAtomically } from './atomic-dir.js';

/** What the analysis task makes. */
export type Artifact = 'report' | 'dive' | 'model' | 'files';
/** What the store serves: those, and the image's documents. */
export type StoredArtifact = Artifact | 'documents';
export type AnalysisMeta = Omit<AnalysisListItem, 'storedBytes'>;

const FILES: Record<StoredArtifact, string> = {
  report: 'report.json.gz',
  dive: 'dive.json.gz',
  model: 'model.bin.gz',
  // The manifest and config (documents.ts in the contract); absent in stores older than it.
  documents: 'documents.json.gz',
  /** The final file system (compare/final-files-codec.ts), for comparing two stored analyses. */
  files: 'files.json.gz',
};
// files.json.gz came later too: a result stored before it is complete without it.
const OPTIONAL: ReadonlySet<string> = new Set([FILES.documents, FILES.files]);
const META = 'meta.json';

/** meta.json: the list item, plus whether report.json has advice (absent in older stores). */
interface StoredMeta extends AnalysisMeta {
  hasAdvice?: boolean;
}

export interface StoredResult {
  hasAdvice: boolean;
  files: Record<Artifact, Uint8Array>;
}

const gzipAsync = promisify(gzip);

interface Entry {
  meta: AnalysisMeta;
  hasAdvice: boolean;
  bytes: number;
  lastUsed: number;
}

export class AnalysisStore {
  private constructor(
    private readonly root: string,
    private readonly tmpRoot: string,
    readonly maxBytes: number,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(dataDir: string, maxBytes: number): Promise<AnalysisStore> {
    const root = join(dataDir, 'analyses');
    const tmpRoot = join(dataDir, 'tmp');
    await mkdir(root, { recursive: true });
    const entries = new Map<string, Entry>();
    for (const id of await readdir(root)) {
      const entry = await loadEntry(join(root, id));
      if (entry && entry.meta.id === id) entries.set(id, entry);
      else await rm(join(root, id), { recursive: true, force: true }); // not ours, or torn
    }
    return new AnalysisStore(root, tmpRoot, maxBytes, entries);
  }

  /** A current result (with advice) is stored for this id: a new analysis of it can be skipped. */
  has(id: string): boolean {
    return this.entries.get(id)?.hasAdvice === true;
  }

  get count(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    let sum = 0;
    for (const e of this.entries.values()) sum += e.bytes;
    return sum;
  }

  /** Most recently used first. */
  list(): AnalysisListItem[] {
    return [...this.entries.values()]
      .sort((a, b) => b.lastUsed - a.lastUsed)
      .map((e) => ({ ...e.meta, storedBytes: e.bytes }));
  }

  /**
   * Store an analysis's artifacts (gzipped JSON, made by the analysis task), and the image's
   * documents (small: gzipped here).
   */
  async put(meta: AnalysisMeta, result: StoredResult, documents?: ImageDocuments): Promise<void> {
    const stored: StoredMeta = { ...meta, hasAdvice: result.hasAdvice };
    const files = {
      [FILES.report]: result.files.report,
      [FILES.dive]: result.files.dive,
      [FILES.model]: result.files.model,
      [FILES.files]: result.files.files,
      ...(documents ? { [FILES.documents]: await gzipAsync(JSON.stringify(documents), { level: 6 }) } : {}),
      [META]: JSON.stringify(stored),
    };
    const dir = join(this.root, meta.id);
    // An outdated result (no advice) is replaced: the atomic rename cannot land on a full dir.
    // A reader in between gets a 404 at worst, as after an eviction.
    if (this.entries.has(meta.id) && !this.has(meta.id)) await this.delete(meta.id);
    await mkdir(this.tmpRoot, { recursive: true });
    await writeDirAtomically(this.tmpRoot, dir, files);
    const entry = await loadEntry(dir);
    if (entry) this.entries.set(meta.id, { ...entry, lastUsed: Date.now() });
    await this.evict(meta.id);
  }

  /** Path of a stored gzipped artifact, marking the analysis as used; undefined when absent. */
  async artifact(id: string, artifact: StoredArtifact): Promise<string | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    await this.touch(id, entry);
    return join(this.root, id, FILES[artifact]);
  }

  async delete(id: string): Promise<boolean> {
    if (!this.entries.delete(id)) return false;
    await rm(join(this.root, id), { recursive: true, force: true });
    return true;
  }

  async touch(id: string, entry: Entry | undefined = this.entries.get(id)): Promise<void> {
    if (!entry) return;
    entry.lastUsed = Date.now();
    const now = new Date(entry.lastUsed);
    await utimes(join(this.root, id, META), now, now).catch(() => {});
  }

  /** Drop least recently used results until the budget holds; never the one just stored. */
  private async evict(keep: string): Promise<void> {
    let total = this.totalBytes;
    const oldestFirst = [...this.entries.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [id, entry] of oldestFirst) {
      if (total <= this.maxBytes) break;
      if (id === keep) continue;
      await this.delete(id);
      total -= entry.bytes;
    }
  }
}

async function loadEntry(dir: string): Promise<Entry | undefined> {
  try {
    const stored = JSON.parse(await readFile(join(dir, META), 'utf8')) as StoredMeta;
    const { hasAdvice, ...meta } = stored;
    let bytes = 0;
    for (const name of [META, ...Object.values(FILES)]) {
      const size = await stat(join(dir, name)).then(
        (s) => s.size,
        (err: unknown) => {
          if (OPTIONAL.has(name)) return 0;
          throw err;
        },
      );
      bytes += size;
    }
    const lastUsed = (await stat(join(dir, META))).mtimeMs;
    return { meta, hasAdvice: hasAdvice === true, bytes, lastUsed };
  } catch {
    return undefined;
  }
}
