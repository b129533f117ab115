/** Flags shared by `strata diff` and `strata df`: sources' access, cache, output, quiet. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../args.js';
import type { AccessFlags } from '../registry-options.js';
import { SOURCE_FLAGS } from '../source-flags.js';

export interface CommandFlags extends AccessFlags {
  json?: string;
  cache?: string;
  quiet: boolean;
  help: boolean;
}

const SHARED = { json: { type: 'string' }, ...SOURCE_FLAGS } as const;

export const SHARED_USAGE = `  --json FILE                       write the result as JSON to FILE ('-' for stdout)
  --platform OS/ARCH[/VARIANT]      the platform to take of multi-platform sources
  --cache DIR                       keep decoded layers in DIR (shared with \`strata --cache\`)
  --username USER, --password-stdin registry credentials (else ~/.docker/config.json, helpers included)
  --insecure-registry HOST[:PORT]   reach this registry over plain http (repeatable)
  -q, --quiet                       no progress on stderr`;

export function parseCommandArgs<E extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  extra: E,
): { flags: CommandFlags; positionals: string[]; values: Record<string, unknown> } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...SHARED, ...extra } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values as Record<string, unknown>;
  const flags: CommandFlags = {
    quiet: v['quiet'] === true,
    help: v['help'] === true,
    passwordStdin: v['password-stdin'] === true,
    insecureRegistries: (v['insecure-registry'] as string[] | undefined) ?? [],
  };
  for (const key of ['json', 'cache', 'platform', 'username'] as const) {
    if (typeof v[key] === 'string') flags[key] = v[key];
  }
  return { flags, positionals: parsed.positionals, values: v };
}
