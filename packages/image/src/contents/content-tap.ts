/**
 * The content analyzers in a tar pass: buffers the entries `wantsContent` asks for (bounded by
 * its size caps) and hands them to `scanContent` when they end. The decode pass (entry-collector)
 * calls `start` for each entry and feeds the returned sink, then `end`.
 */
import { contentAnalyzer, type ContentAnalyzer, type ContentFinding, type EntryType } from '@strata/analysis';

export class ContentTap {
  readonly findings: ContentFinding[] = [];
  private path = '';
  private chunks: Buffer[] | undefined;

  constructor(private readonly analyzer: ContentAnalyzer = contentAnalyzer) {}

  /** A sink for the entry's data when the analyzers want it, else undefined. */
  start(path: string, type: EntryType, size: number): ((chunk: Buffer) => void) | undefined {
    this.chunks = undefined;
    if (!this.analyzer.wantsContent(path, type, size)) return undefined;
    this.path = path;
    const chunks: Buffer[] = [];
    this.chunks = chunks;
    // tar-parser passes views into its input chunk: copy, the chunk is reused after the callback.
    return (chunk) => chunks.push(Buffer.from(chunk));
  }

  end(): void {
    const chunks = this.chunks;
    this.chunks = undefined;
    if (!chunks) return;
    const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    this.findings.push(...this.analyzer.scanContent(this.path, data));
  }
}
