/** Shell text helpers for rewriting RUN commands. */

/**
 * `a && b` chains stop at the first failure, as separate RUN steps did. A command that holds
 * `;`, `||` or a lone `&` would change that inside a chain, and `cd`/`export`/`set` would leak
 * into the commands after it (each RUN used to start afresh), so such a command runs in a subshell.
 */
export function chainCommands(commands: string[]): string {
  if (commands.length === 1) return commands[0] as string;
  return commands.map((c) => (needsSubshell(c) ? `(${c.trim()})` : c.trim())).join(' \\\n    && ');
}

function needsSubshell(command: string): boolean {
  return /;|\|\||(^|[^&])&(?!&)|(^|[;&|(\s])(cd|export|set|umask|shopt)\s/.test(command);
}

/** The words of a simple command line, split on whitespace (quotes are kept as they are). */
export function words(command: string): string[] {
  return command.split(/\s+/).filter(Boolean);
}

/** Whether a shell command runs `program` as a command (at the start or after `&&`, `;`, `|`). */
export function runsProgram(command: string, program: RegExp): boolean {
  return command
    .split(/&&|\|\||;|\|/)
    .map((part) => part.trim().replace(/^\(+/, ''))
    .some((part) => program.test(part));
}
