/** The source options every command shares: registry access (credentials, insecure hosts) and platform. */
import { text } from 'node:stream/consumers';
import { ALLOW_ALL_ADDRESSES, type RegistryOptions } from '@strata/image';
import { UsageError } from './args.js';
import type { SourceOptions } from './source.js';

export interface AccessFlags {
  platform?: string;
  username?: string;
  passwordStdin: boolean;
  insecureRegistries: string[];
}

export async function sourceOptions(flags: AccessFlags): Promise<SourceOptions> {
  // The CLI fetches whatever host its user names (a private registry included); the server does not.
  const registry: RegistryOptions = {
    insecureRegistries: flags.insecureRegistries,
    addressPolicy: ALLOW_ALL_ADDRESSES,
  };
  if (flags.passwordStdin && flags.username === undefined)
    throw new UsageError('--password-stdin needs --username');
  if (flags.username !== undefined) {
    const password = flags.passwordStdin ? (await text(process.stdin)).replace(/\r?\n$/, '') : '';
    registry.credentials = { username: flags.username, password };
  }
  return flags.platform ? { registry, platform: flags.platform } : { registry };
}
