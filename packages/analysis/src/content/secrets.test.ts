import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanContent } from './scan.js';
import { fingerprint } from './sha256.js';
import type { ContentFinding, SecretFinding } from './types.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Random characters, so no test value is a real credential or a literal a scanner could learn. */
function rand(n: number, alphabet = ALNUM): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

function scan(path: string, text: string): ContentFinding[] {
  return scanContent(path, new TextEncoder().encode(text));
}

function secrets(findings: ContentFinding[]): SecretFinding[] {
  return findings.filter((f): f is SecretFinding => f.kind === 'secret');
}

function expectNoValue(findings: ContentFinding[], ...values: string[]): void {
  const json = JSON.stringify(findings);
  for (const v of values) expect(json).not.toContain(v);
}

describe('secrets by content', () => {
  it('finds PEM private keys of every armor under any name, by body fingerprint, never the value', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const pkcs1 = rsa.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pkcs8 = rsa.export({ type: 'pkcs8', format: 'pem' }) as string;
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'sec1',
      format: 'pem',
    }) as string;
    const enc = rsa.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'x',
    }) as string;
    const dir = mkdtempSync(join(tmpdir(), 'strata-key-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const openssh = readFileSync(join(dir, 'k'), 'utf8');
    rmSync(dir, { recursive: true });
    const text = `notes\n${pkcs1}${pkcs8}${ec}${enc}${openssh}`;
    const found = secrets(scan('/srv/app/notes.txt', text));
    expect(found.map((f) => [f.label, f.confidence, f.line])).toEqual([
      ['RSA private key', 'high', 2],
      ['private key', 'high', 2 + pkcs1.split('\n').length - 1],
      ['EC private key', 'high', expect.any(Number)],
      ['encrypted private key', 'medium', expect.any(Number)],
      ['OpenSSH private key', 'high', expect.any(Number)],
    ]);
    const body = pkcs1.split('\n').slice(1, -2).join('');
    expect(found[0]?.fingerprint).toBe(fingerprint(body));
    expectNoValue(found, body.slice(0, 40), openssh.split('\n')[1] ?? '');
  });

  it('finds vendor tokens in a config file, each once, at its line', () => {
    const values = {
      aws: `AKIA${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      awsSecret: rand(40),
      github: `ghp_${rand(36)}`,
      pat: `github_pat_${rand(22)}_${rand(59)}`,
      gitlab: `glpat-${rand(20)}`,
      slack: `xoxb-${rand(12, '0123456789')}-${rand(24)}`,
      npm: `npm_${rand(36)}`,
    };
    const text = [
      '[default]',
      `aws_access_key_id = ${values.aws}`,
      `aws_secret_access_key = ${values.awsSecret}`,
      `github: ${values.github}`,
      `pat="${values.pat}"`,
      `GITLAB=${values.gitlab}`,
      `slack_hook ${values.slack}`,
      `registry_token: ${values.npm}`,
    ].join('\n');
    const found = secrets(scan('/etc/app/settings.yaml', text));
    expect(found.map((f) => [f.secret, f.line]).sort()).toEqual(
      [
        ['aws-access-key-id', 2],
        ['aws-secret-access-key', 3],
        ['github-token', 4],
        ['github-token', 5],
        ['gitlab-token', 6],
        ['slack-token', 7],
        ['npm-token', 8],
      ].sort(),
    );
    expectNoValue(found, ...Object.values(values));
  });

  it('reads .npmrc auth tokens (not ${ENV} references) and docker config.json auths', () => {
    const token = rand(32);
    const npmrc = `//registry.npmjs.org/:_authToken=${token}\n//other/:_authToken=\${NPM_TOKEN}\n`;
    expect(secrets(scan('/root/.npmrc', npmrc)).map((f) => [f.secret, f.line, f.confidence])).toEqual([
      ['npmrc-auth-token', 1, 'high'],
    ]);
    const auth = Buffer.from(`ci:${rand(20)}`).toString('base64');
    const config = JSON.stringify({ auths: { 'ghcr.io': { auth }, 'docker.io': {} } }, null, 2);
    const docker = secrets(scan('/root/.docker/config.json', config));
    expect(docker.map((f) => [f.secret, f.label, f.line])).toEqual([
      ['docker-auth', 'Docker registry credential for ghcr.io', 4],
    ]);
    expectNoValue([...docker], auth, token);
  });

  it('generic: a random value assigned to a secret-like name is low; words, placeholders and env refs are not', () => {
    const value = `${rand(10)}9${rand(10)}`;
    const text = [
      `DB_PASSWORD=${value}`,
      'password = changeme-please-1',
      'token: ${API_TOKEN}',
      'secret_key_path=/etc/app/secret.key',
      'tokenizer = whitespace_tokenizer_v2',
      '\t$newpwd = Win32::GetFullPathName($newdir);',
      "api_key = os.environ.get('API_KEY')",
    ].join('\n');
    const found = secrets(scan('/app/config/app.ini', text));
    expect(found.map((f) => [f.secret, f.confidence, f.line])).toEqual([['generic-secret', 'low', 1]]);
    expectNoValue(found, value);
  });

  it("a CA bundle is certificates, not secrets (this machine's bundle)", () => {
    const bundle = readFileSync('/etc/ssl/certs/ca-certificates.crt');
    const found = scanContent('etc/ssl/certs/ca-certificates.crt', bundle);
    expect(secrets(found)).toEqual([]);
    expect(found).toEqual([
      {
        kind: 'certificates',
        path: '/etc/ssl/certs/ca-certificates.crt',
        count: bundle.toString().split('BEGIN CERTIFICATE').length - 1,
      },
    ]);
  });

  it('binary bytes are not searched', () => {
    const data = new Uint8Array([0, ...new TextEncoder().encode(`ghp_${rand(36)}`)]);
    expect(scanContent('app/blob', data)).toEqual([]);
  });
});
