/**
 * Build context leaks: COPY/ADD brought in files that only belong on the developer's machine
 * (VCS data, editor files, logs, caches, node_modules that a later step reinstalls anyway).
 * A `.dockerignore` keeps them out of the context and so out of the layer.
 */
import { makeFinding, newDraft, sumBytes, topFiles, userSteps, type AdviceContext } from './context.js';
import { ROOT, type PathTable } from '../path-table.js';
import type { Occurrence } from './occurrences.js';
import { runsProgram } from './shell.js';
import type { Finding } from './types.js';

/** What marks a leaked path: a directory of that name above it, or its own name. */
interface LeakKind {
  ignore: string;
  dir?: string;
  suffix?: string;
  name?: string;
}

const LEAKS: LeakKind[] = [
  { ignore: '**/.git', dir: '.git' },
  { ignore: '**/.svn', dir: '.svn' },
  { ignore: '**/.hg', dir: '.hg' },
  { ignore: '**/.idea', dir: '.idea' },
  { ignore: '**/.vscode', dir: '.vscode' },
  { ignore: '**/__pycache__', dir: '__pycache__' },
  { ignore: '**/.pytest_cache', dir: '.pytest_cache' },
  { ignore: '**/.mypy_cache', dir: '.mypy_cache' },
  { ignore: '**/.nyc_output', dir: '.nyc_output' },
  { ignore: '**/*.log', suffix: '.log' },
  { ignore: '**/*.swp', suffix: '.swp' },
  { ignore: '**/*.swo', suffix: '.swo' },
  { ignore: '**/*~', suffix: '~' },
  { ignore: '**/.DS_Store', name: '.DS_Store' },
  // Last: only when a later RUN reinstalls the packages (see reinstalledLater).
  { ignore: '**/node_modules', dir: 'node_modules' },
];
const NODE_MODULES = LEAKS.length - 1;
const NONE = LEAKS.length;
const DIR_KINDS = new Map(LEAKS.flatMap((k, i) => (k.dir ? [[k.dir, i] as const] : [])));
const REINSTALL = /^(npm\s+(ci|install|i)\b|yarn(\s+install)?\b|pnpm\s+(install|i)\b)/;

/**
 * The first kind in LEAKS order that a path matches. Directory kinds are found once per
 * directory (memoized along the path table), so a million files cost a lookup each.
 */
class LeakMatcher {
  private readonly dirKind = new Map<number, number>([[ROOT, NONE]]);

  constructor(private readonly paths: PathTable) {}

  kindOf(node: number, withNodeModules: boolean): LeakKind | undefined {
    let dir = this.ofDir(this.paths.parent.data[node] as number);
    if (dir === NODE_MODULES && !withNodeModules) dir = NONE;
    const name = this.paths.names[node] as string;
    const file = LEAKS.findIndex((k) => (k.suffix && name.endsWith(k.suffix)) || k.name === name);
    const kind = Math.min(dir, file < 0 ? NONE : file);
    return kind === NONE ? undefined : LEAKS[kind];
  }

  private ofDir(id: number): number {
    const chain: number[] = [];
    let at = id;
    while (!this.dirKind.has(at)) {
      chain.push(at);
      at = this.paths.parent.data[at] as number;
    }
    let kind = this.dirKind.get(at) as number;
    for (let i = chain.length - 1; i >= 0; i--) {
      const n = chain[i] as number;
      kind = Math.min(kind, DIR_KINDS.get(this.paths.names[n] as string) ?? NONE);
      this.dirKind.set(n, kind);
    }
    return kind;
  }
}

export function contextLeaks(ctx: AdviceContext): Finding[] {
  const leaked: Occurrence[] = [];
  const ignores = new Set<string>();
  const draft = newDraft(ctx);
  const matcher = new LeakMatcher(ctx.paths);
  for (const step of userSteps(ctx)) {
    if ((step.kind !== 'COPY' && step.kind !== 'ADD') || step.historyIndex === null) continue;
    const withNodeModules = reinstalledLater(ctx, step.index);
    const here = (ctx.occurrences[step.index] ?? []).filter((o) => {
      const kind = matcher.kindOf(o.node, withNodeModules);
      if (kind) ignores.add(kind.ignore);
      return kind !== undefined;
    });
    const mine = ctx.claims.claim(here);
    if (mine.length > 0) {
      leaked.push(...mine);
      draft.insertBefore(step.historyIndex, [
        '# needs a .dockerignore (see below): this COPY/ADD brings in files the image never uses',
      ]);
    }
  }
  if (leaked.length === 0) return [];
  const dockerignore = [...ignores].sort().join('\n') + '\n';
  return [
    makeFinding(ctx, {
      rule: 'context-leaks',
      title: `Build context leaks: ${[...ignores].join(', ')}`,
      explanation:
        'COPY/ADD brought in files from the build context that the image never uses. Add these lines to ' +
        '.dockerignore (the Dockerfile itself can stay as it is).',
      layers: leaked.map((o) => o.layer),
      files: topFiles(leaked),
      recoverableBytes: sumBytes(leaked),
      fix: { after: draft.render(), dockerignore },
    }),
  ];
}

function reinstalledLater(ctx: AdviceContext, layer: number): boolean {
  return ctx.steps.slice(layer + 1).some((s) => s.kind === 'RUN' && runsProgram(s.command, REINSTALL));
}
