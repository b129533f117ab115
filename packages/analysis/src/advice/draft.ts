/**
 * Edits on a reconstructed Dockerfile: a fix merges RUN steps, appends to one, rewrites or
 * drops lines, then renders the whole file so before and after can be shown as a diff.
 */
import type { ReconstructedDockerfile } from './dockerfile.js';
import { chainCommands } from './shell.js';

export class DockerfileDraft {
  private readonly texts = new Map<number, string | null>();
  private readonly runs = new Map<number, string[]>();
  private readonly inserted = new Map<number, string[]>();
  private readonly runFlags = new Map<number, string[]>();

  constructor(private readonly file: ReconstructedDockerfile) {
    for (const line of file.lines) {
      if (line.kind === 'RUN' && !line.text.startsWith('RUN [')) {
        this.runs.set(line.history, [line.text.slice('RUN'.length).trim()]);
      }
    }
  }

  /** Whether the line is a shell-form RUN (exec-form RUNs cannot be chained). */
  isShellRun(history: number): boolean {
    return this.runs.has(history);
  }

  /**
   * Merge RUN lines into one, `RUN a && b && c`, in history order. It takes the place of the
   * first line, or of the last one when lines between them must run before the merged commands.
   */
  mergeRuns(histories: number[], into: 'first' | 'last' = 'first'): number | undefined {
    const sorted = [...new Set(histories)].sort((a, b) => a - b);
    const target = into === 'first' ? sorted[0] : sorted[sorted.length - 1];
    if (target === undefined) return undefined;
    const merged = sorted.flatMap((h) => this.commands(h));
    for (const h of sorted) if (h !== target) this.drop(h);
    this.runs.set(target, merged);
    return target;
  }

  appendToRun(history: number, command: string): void {
    this.runs.set(history, [...this.commands(history), command]);
  }

  /** Rewrites the commands of a RUN line, one by one. */
  editRun(history: number, edit: (command: string) => string): void {
    this.runs.set(history, this.commands(history).map(edit));
  }

  /** Adds a RUN flag such as `--mount=type=secret,...`. */
  addRunFlag(history: number, flag: string): void {
    this.runFlags.set(history, [...(this.runFlags.get(history) ?? []), flag]);
  }

  replace(history: number, text: string): void {
    this.texts.set(history, text);
  }

  drop(history: number): void {
    this.texts.set(history, null);
    this.runs.delete(history);
  }

  insertBefore(history: number, lines: string[]): void {
    this.inserted.set(history, [...(this.inserted.get(history) ?? []), ...lines]);
  }

  /** The line as it stands now, or undefined when dropped. */
  lineText(history: number): string | undefined {
    const line = this.file.lines.find((l) => l.history === history);
    if (!line) return undefined;
    const text = this.texts.get(history);
    if (text === null) return undefined;
    if (text !== undefined) return text;
    const run = this.runs.get(history);
    return run ? ['RUN', ...(this.runFlags.get(history) ?? []), chainCommands(run)].join(' ') : line.text;
  }

  /** The Dockerfile lines after the header, as edited. */
  bodyLines(filter: (history: number) => boolean = () => true): string[] {
    const out: string[] = [];
    for (const line of this.file.lines) {
      if (!filter(line.history)) continue;
      out.push(...(this.inserted.get(line.history) ?? []));
      const text = this.lineText(line.history);
      if (text !== undefined) out.push(text);
    }
    return out;
  }

  render(): string {
    return [...this.file.header, ...this.bodyLines()].join('\n') + '\n';
  }

  private commands(history: number): string[] {
    const run = this.runs.get(history);
    if (!run) throw new Error(`history entry ${history} is not a shell-form RUN`);
    return run;
  }
}

export function renderDockerfile(file: ReconstructedDockerfile): string {
  return new DockerfileDraft(file).render();
}
