/**
 * CI rule thresholds: dive's `.dive-ci` YAML (`rules: { lowestEfficiency: 0.95, ... }`), read as
 * is, then the command-line flags over it (dive's precedence).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CiConfig, CiRuleName } from '@strata/analysis';
import { UsageError } from './args.js';

const RULES: CiRuleName[] = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent'];
export const DEFAULT_CI_FILE = '.dive-ci';

export function loadCiConfig(file: string | undefined, flags: CiConfig): { config: CiConfig; file?: string } {
  const path = file ?? (existsSync(DEFAULT_CI_FILE) ? DEFAULT_CI_FILE : undefined);
  const fromFile = path ? readRules(path) : {};
  const config = { ...fromFile, ...flags };
  return path ? { config, file: path } : { config };
}

function readRules(path: string): CiConfig {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read CI config ${path}: ${(err as Error).message}`);
  }
  const rules = (doc as { rules?: Record<string, unknown> } | null)?.rules ?? {};
  const config: CiConfig = {};
  for (const rule of RULES) {
    const value = rules[rule];
    if (value !== undefined && value !== null) config[rule] = String(value);
  }
  return config;
}
