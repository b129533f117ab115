/** Command-line arguments of `strata`, validated into one options object. */
import { parseArgs } from 'node:util';
import type { CiConfig } from '@strata/analysis';
import { SOURCE_FLAGS } from './source-flags.js';

export interface CliOptions {
  source: string;
  json?: string;
  report?: string;
  ci: boolean;
  ciConfig?: string;
  ciRules: CiConfig;
  platform?: string;
  cache?: string;
  username?: string;
  passwordStdin: boolean;
  insecureRegistries: string[];
  quiet: boolean;
  /** Print each finding's explanation and fixed Dockerfile, not just its title. */
  advice: boolean;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

export class UsageError extends Error {}

export const USAGE = `Usage: strata <source> [options]
       strata diff <A> <B> [--json FILE] [--max-growth BYTES|PCT]   (strata diff --help)
       strata df <source>... [--json FILE]                          (strata df --help)
       strata cat <source> <path> [--layer N]   (a file's bytes, as layer N shows it)

Analyze a container image's layers like dive: sizes, wasted space, efficiency.

<source>  an image archive or layout (skopeo's syntax): PATH (a file or an OCI layout directory,
          format detected), docker-archive:PATH[:REF|:@N], oci-archive:PATH[:REF], oci:DIR[:REF]
          (docker save, podman save, skopeo/buildah archives, OCI layouts, gzipped or not; REF is a
          RepoTag or an OCI ref name, @N the N-th image; needed when it holds several images);
          or an image in a registry: docker://REF or a bare REF when no such path exists
          (nginx:1.27, ghcr.io/org/app@sha256:..., localhost:5000/team/api:dev)

Options:
  --json FILE                       write dive's JSON export to FILE
  --report FILE                     write Strata's full report (JSON) to FILE ('-' for stdout)
  --advice                          print each finding's explanation and fixed Dockerfile
  --ci                              evaluate dive's CI rules; exit 1 when one fails
  --ci-config FILE                  dive's .dive-ci YAML (default: ./.dive-ci when present)
  --lowestEfficiency RATIO          CI rule (dive's flag names; 'disabled' turns a rule off)
  --highestWastedBytes BYTES        CI rule, e.g. 20MB, 50kB
  --highestUserWastedPercent RATIO  CI rule
  --platform OS/ARCH[/VARIANT]      choose a platform of a multi-platform archive
  --cache DIR                       keep decoded layers in DIR: shared layers are read only once
  --username USER                   registry user (else ~/.docker/config.json: credHelpers,
                                    credsStore, auths; else anonymous)
  --password-stdin                  read the registry password or token from stdin
  --insecure-registry HOST[:PORT]   reach this registry over plain http (repeatable;
                                    localhost and loopback always are)
  -q, --quiet                       no progress on stderr
  -h, --help                        this help
  --version                         print the version

Exit status: 0 analyzed (and CI rules passed), 1 a CI rule failed, 2 the input could not be read.`;

export function parseCliArgs(argv: string[]): ParsedArgs {
  const { values, positionals } = parse(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'missing <source>' : `expected one <source>, got ${positionals.length}`,
    );
  }
  const ciRules: CiConfig = {};
  for (const rule of ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent'] as const) {
    if (values[rule] !== undefined) ciRules[rule] = values[rule];
  }
  const options: CliOptions = {
    source: positionals[0] as string,
    ci: values.ci ?? false,
    ciRules,
    quiet: values.quiet ?? false,
    advice: values.advice ?? false,
    passwordStdin: values['password-stdin'] ?? false,
    insecureRegistries: values['insecure-registry'] ?? [],
  };
  if (values.username !== undefined) options.username = values.username;
  if (values.json !== undefined) options.json = values.json;
  if (values.report !== undefined) options.report = values.report;
  if (values['ci-config'] !== undefined) options.ciConfig = values['ci-config'];
  if (values.platform !== undefined) options.platform = values.platform;
  if (values.cache !== undefined) options.cache = values.cache;
  return { kind: 'run', options };
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'string' },
        report: { type: 'string' },
        advice: { type: 'boolean' },
        ci: { type: 'boolean' },
        'ci-config': { type: 'string' },
        lowestEfficiency: { type: 'string' },
        highestWastedBytes: { type: 'string' },
        highestUserWastedPercent: { type: 'string' },
        ...SOURCE_FLAGS,
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
