/**
 * Where package managers and builds leave caches behind, and how each is avoided in the same
 * RUN. Hadolint: DL3009 (apt lists), DL3019 (apk --no-cache), DL3042 (pip --no-cache-dir),
 * DL3060 (yarn cache clean). https://github.com/hadolint/hadolint#rules
 */
export interface LeftoverKind {
  id: string;
  label: string;
  /** Captures the cache directory in group 1. */
  pattern: RegExp;
  /** Remove the directory's contents but keep it (tools expect it to exist). */
  keepDir: boolean;
  hadolint?: string;
  /** A flag that keeps the cache from being written, for a RUN that runs the tool. */
  flag?: { program: RegExp; rewrite: (command: string) => string };
}

const HOME = '(?:/root|/home/[^/]+)';

export const LEFTOVER_KINDS: LeftoverKind[] = [
  {
    id: 'apt-lists',
    label: 'apt lists',
    pattern: /^(\/var\/lib\/apt\/lists)\//,
    keepDir: true,
    hadolint: 'DL3009',
  },
  {
    id: 'apt-cache',
    label: 'apt package cache',
    pattern: /^(\/var\/cache\/apt)\/(?:archives\/.*\.deb$|[^/]+\.bin$)/,
    keepDir: true,
    hadolint: 'DL3009',
  },
  {
    id: 'apk',
    label: 'apk cache',
    pattern: /^(\/var\/cache\/apk)\//,
    keepDir: true,
    hadolint: 'DL3019',
    flag: {
      program: /^apk\s+add\b/,
      rewrite: (c) => c.replace(/\bapk\s+add\b(?!.*--no-cache)/g, 'apk add --no-cache'),
    },
  },
  {
    id: 'pip',
    label: 'pip cache',
    pattern: new RegExp(`^(${HOME}/\\.cache/pip)/`),
    keepDir: false,
    hadolint: 'DL3042',
    flag: {
      program: /^(pip3?|python3? -m pip)\s+install\b/,
      rewrite: (c) =>
        c.replace(/\b(pip3?|python3? -m pip)\s+install\b(?!.*--no-cache-dir)/g, '$1 install --no-cache-dir'),
    },
  },
  { id: 'npm', label: 'npm cache', pattern: new RegExp(`^(${HOME}/\\.npm/_cacache)/`), keepDir: false },
  {
    id: 'yarn',
    label: 'yarn cache',
    pattern: new RegExp(`^(/usr/local/share/\\.cache/yarn|${HOME}/\\.cache/yarn)/`),
    keepDir: false,
    hadolint: 'DL3060',
  },
  {
    id: 'pnpm',
    label: 'pnpm store',
    pattern: new RegExp(`^(${HOME}/\\.local/share/pnpm/store|${HOME}/\\.pnpm-store)/`),
    keepDir: false,
  },
  {
    id: 'go-build',
    label: 'Go build cache',
    pattern: new RegExp(`^(${HOME}/\\.cache/go-build)/`),
    keepDir: false,
  },
  {
    id: 'maven',
    label: 'Maven repository',
    pattern: new RegExp(`^(${HOME}/\\.m2/repository)/`),
    keepDir: false,
  },
  {
    id: 'gradle',
    label: 'Gradle caches',
    pattern: new RegExp(`^(${HOME}/\\.gradle/caches)/`),
    keepDir: false,
  },
  { id: 'tmp', label: '/tmp files', pattern: /^(\/tmp|\/var\/tmp)\//, keepDir: true },
];

export interface LeftoverMatch {
  kind: LeftoverKind;
  /** The cache directory the path is in. */
  root: string;
}

export function matchLeftover(path: string): LeftoverMatch | undefined {
  for (const kind of LEFTOVER_KINDS) {
    const root = kind.pattern.exec(path)?.[1];
    if (root !== undefined) return { kind, root };
  }
  return undefined;
}

/** What `rm -rf` gets to clear this cache in the same RUN. */
export function cleanupTarget(match: LeftoverMatch): string {
  if (match.kind.id === 'apt-cache') return '/var/cache/apt/archives/*.deb /var/cache/apt/*.bin';
  return match.kind.keepDir ? `${match.root}/*` : match.root;
}
