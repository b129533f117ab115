/**
 * Build context leaks: COPY/ADD brought in files that only belong on the developer's machine
 * (VCS data, editor files, logs, caches, node_modules that a later step reinstalls anyway).
 * A `.dockerignore` keeps them out of the context and so out of the layer.
 */
import { makeFinding, newDraft, sumBytes, topFiles, userSteps, type AdviceContext } from './context.js';
import type { Occurrence } from './occurrences.js';
import { runsProgram } from './shell.js';
import type { Finding } from './types.js';

interface LeakKind {
  ignore: string;
  test: (segments: string[]) => boolean;
}

const dirNamed = (name: string) => (segments: string[]) => segments.slice(0, -1).includes(name);
const baseName = (segments: string[]) => segments[segments.length - 1] ?? '';
const fileEnds = (suffix: string) => (segments: string[]) => baseName(segments).endsWith(suffix);

const LEAKS: LeakKind[] = [
  { ignore: '**/.git', test: dirNamed('.git') },
  { ignore: '**/.svn', test: dirNamed('.svn') },
  { ignore: '**/.hg', test: dirNamed('.hg') },
  { ignore: '**/.idea', test: dirNamed('.idea') },
  { ignore: '**/.vscode', test: dirNamed('.vscode') },
  { ignore: '**/__pycache__', test: dirNamed('__pycache__') },
  { ignore: '**/.pytest_cache', test: dirNamed('.pytest_cache') },
  { ignore: '**/.mypy_cache', test: dirNamed('.mypy_cache') },
  { ignore: '**/.nyc_output', test: dirNamed('.nyc_output') },
  { ignore: '**/*.log', test: fileEnds('.log') },
  { ignore: '**/*.swp', test: fileEnds('.swp') },
  { ignore: '**/*.swo', test: fileEnds('.swo') },
  { ignore: '**/*~', test: fileEnds('~') },
  { ignore: '**/.DS_Store', test: (segments) => baseName(segments) === '.DS_Store' },
];

const NODE_MODULES: LeakKind = { ignore: '**/node_modules', test: dirNamed('node_modules') };
const REINSTALL = /^(npm\s+(ci|install|i)\b|yarn(\s+install)?\b|pnpm\s+(install|i)\b)/;

export function contextLeaks(ctx: AdviceContext): Finding[] {
  const leaked: Occurrence[] = [];
  const ignores = new Set<string>();
  const draft = newDraft(ctx);
  for (const step of userSteps(ctx)) {
    if ((step.kind !== 'COPY' && step.kind !== 'ADD') || step.historyIndex === null) continue;
    const kinds = [...LEAKS, ...(reinstalledLater(ctx, step.index) ? [NODE_MODULES] : [])];
    const here = (ctx.occurrences[step.index] ?? []).filter((o) => {
      const segments = o.path.split('/').filter(Boolean);
      const kind = kinds.find((k) => k.test(segments));
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
