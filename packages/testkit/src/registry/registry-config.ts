/**
 * config.yml for docker-registry 2.8 (https://distribution.github.io/distribution/about/configuration/).
 * No blob descriptor cache, so a blob overwritten on disk is served as it now is (the
 * tampered-blob tests rely on that); deletes enabled so tests can remove things.
 */
import { join } from 'node:path';
import type { TokenServer } from './token-server.js';

export interface ConfigInput {
  host: string;
  storageDir: string;
  dir: string;
  mode: 'open' | 'basic' | 'token';
  tokenServer: TokenServer | undefined;
}

export const SERVICE = 'strata-test-registry';
export const ISSUER = 'strata-test-issuer';

export function registryConfig(input: ConfigInput): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${input.storageDir}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: ${input.host}`,
    ...authSection(input),
  ];
  return `${lines.join('\n')}\n`;
}

function authSection(input: ConfigInput): string[] {
  if (input.mode === 'basic') {
    return ['auth:', '  htpasswd:', '    realm: strata-test', `    path: ${join(input.dir, 'htpasswd')}`];
  }
  if (input.mode === 'token' && input.tokenServer) {
    return [
      'auth:',
      '  token:',
      `    realm: ${input.tokenServer.realm}`,
      `    service: ${SERVICE}`,
      `    issuer: ${ISSUER}`,
      `    rootcertbundle: ${input.tokenServer.certPath}`,
    ];
  }
  return [];
}
