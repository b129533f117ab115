/** The flags every command takes for reaching its sources (node:util parseArgs options). */
export const SOURCE_FLAGS = {
  platform: { type: 'string' },
  cache: { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'insecure-registry': { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;
