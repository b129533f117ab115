/**
 * Turn a history entry's `created_by` back into the Dockerfile instruction that made it.
 * Forms seen in the wild:
 *   legacy builder   `/bin/sh -c #(nop)  CMD ["sh"]`, `/bin/sh -c apt-get update`
 *   build args       `|2 A=1 B=2 /bin/sh -c make` (legacy and BuildKit)
 *   BuildKit         `RUN /bin/sh -c make # buildkit`, `COPY . /app # buildkit`, `ENV A=b`
 *   kaniko / buildah `RUN mkdir -p /x`, `ADD README.md /somefile.txt`, `/bin/busybox sh -c …`
 */
export type InstructionKind =
  | 'RUN'
  | 'COPY'
  | 'ADD'
  | 'ENV'
  | 'ARG'
  | 'LABEL'
  | 'CMD'
  | 'ENTRYPOINT'
  | 'WORKDIR'
  | 'USER'
  | 'EXPOSE'
  | 'VOLUME'
  | 'SHELL'
  | 'STOPSIGNAL'
  | 'HEALTHCHECK'
  | 'ONBUILD'
  | 'MAINTAINER'
  | 'FROM'
  | 'UNKNOWN';

const KINDS = new Set<string>([
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'LABEL',
  'CMD',
  'ENTRYPOINT',
  'WORKDIR',
  'USER',
  'EXPOSE',
  'VOLUME',
  'SHELL',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'ONBUILD',
  'MAINTAINER',
  'FROM',
]);

export interface Instruction {
  kind: InstructionKind;
  /** The instruction as a Dockerfile line, e.g. `RUN apt-get update`. */
  text: string;
  /** `created_by` exactly as recorded. */
  raw: string;
  /** Build arguments recorded with a RUN (`|2 A=1 B=2 …`). */
  buildArgs: Record<string, string>;
  /** The shell that ran a RUN (`/bin/sh -c`), when recorded. */
  shell?: string;
}

const NOP = '#(nop)';
const BUILDKIT_SUFFIX = /\s*# buildkit$/;
/** An absolute shell path, optionally `sh` after busybox and `-o opt` flags, then `-c`. */
const SHELL_PREFIX = /^(\/\S+(?: (?!-)\S+)?(?: -o \S+)*) -c(?: |$)/;
const BUILD_ARGS = /^\|(\d+) /;

export function parseInstruction(raw: string): Instruction {
  const rest = raw.replace(BUILDKIT_SUFFIX, '').trim();
  const keyword = leadingKeyword(rest);
  if (keyword === 'RUN') return shellForm(raw, rest.slice(3).trim()) ?? make('RUN', rest.slice(3), raw);
  if (keyword) return make(keyword, rest.slice(keyword.length), raw);
  return shellForm(raw, rest) ?? make('UNKNOWN', rest, raw);
}

/** `[|N args] /bin/sh -c <command>`: a RUN, or a legacy `#(nop)` metadata instruction. */
function shellForm(raw: string, text: string): Instruction | undefined {
  const { args, remainder } = takeBuildArgs(text);
  const shell = SHELL_PREFIX.exec(remainder);
  if (!shell) return undefined;
  const command = remainder.slice(shell[0].length).trim();
  if (command.startsWith(NOP)) {
    const body = command.slice(NOP.length).trim();
    const keyword = leadingKeyword(body);
    return keyword ? make(keyword, body.slice(keyword.length), raw) : make('UNKNOWN', body, raw);
  }
  return { ...make('RUN', command, raw), buildArgs: args, shell: `${shell[1]} -c` };
}

function leadingKeyword(text: string): InstructionKind | undefined {
  const word = /^([A-Z]+)(?=\s|$)/.exec(text)?.[1];
  return word && KINDS.has(word) ? (word as InstructionKind) : undefined;
}

function takeBuildArgs(text: string): { args: Record<string, string>; remainder: string } {
  const head = BUILD_ARGS.exec(text);
  const args: Record<string, string> = {};
  if (!head) return { args, remainder: text };
  const tokens = text.slice(head[0].length).split(' ');
  const count = Number(head[1]);
  for (const token of tokens.slice(0, count)) {
    const eq = token.indexOf('=');
    if (eq > 0) args[token.slice(0, eq)] = token.slice(eq + 1);
  }
  return { args, remainder: tokens.slice(count).join(' ') };
}

function make(kind: InstructionKind, args: string, raw: string): Instruction {
  const body = args.trim();
  const text = kind === 'UNKNOWN' ? body : body ? `${kind} ${body}` : kind;
  return { kind, text, raw, buildArgs: {} };
}

/** The command column dive shows: created_by without the legacy `/bin/sh -c ` prefix. */
export function diveCommand(createdBy: string): string {
  return createdBy.startsWith('/bin/sh -c ') ? createdBy.slice('/bin/sh -c '.length) : createdBy;
}
