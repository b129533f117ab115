/**
 * Paths that hold credentials. Layers give names, sizes and hashes, never contents, so this
 * judges by name: `certain` names are credentials by convention; `possible` ones (key and
 * certificate containers) often are, outside the places where systems keep public CA bundles.
 */
export type SecretConfidence = 'certain' | 'possible';

export interface SecretMatch {
  label: string;
  confidence: SecretConfidence;
}

/** A pattern tests a path's last name, and its directory where the name alone is too common. */
interface SecretPattern extends SecretMatch {
  name: RegExp;
  dir?: RegExp;
}

const PATTERNS: SecretPattern[] = [
  {
    label: 'SSH private key',
    confidence: 'certain',
    name: /^(id_(rsa|dsa|ecdsa|ed25519)(_sk)?|ssh_host_\w+_key)$/,
  },
  {
    label: '.env file',
    confidence: 'certain',
    name: /^\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?$/,
  },
  { label: 'npm credentials (.npmrc)', confidence: 'certain', name: /^\.npmrc$/ },
  { label: 'PyPI credentials (.pypirc)', confidence: 'certain', name: /^\.pypirc$/ },
  { label: '.netrc', confidence: 'certain', name: /^\.netrc$/ },
  { label: 'git credentials', confidence: 'certain', name: /^\.git-credentials$/ },
  { label: 'AWS credentials', confidence: 'certain', name: /^(credentials|config)$/, dir: /\/\.aws$/ },
  { label: 'Docker registry credentials', confidence: 'certain', name: /^config\.json$/, dir: /\/\.docker$/ },
  { label: 'kubeconfig', confidence: 'certain', name: /^config$/, dir: /\/\.kube$/ },
  {
    label: 'Google Cloud credentials',
    confidence: 'certain',
    name: /^(credentials\.db|access_tokens\.db|application_default_credentials\.json)$/,
    dir: /\/\.config\/gcloud$/,
  },
  {
    label: 'Google Cloud credentials',
    confidence: 'certain',
    name: /^[\w-]*service[-_]account[\w-]*\.json$/,
  },
  { label: 'Terraform state', confidence: 'certain', name: /\.tfstate(\.backup)?$/ },
  { label: 'private key or keystore', confidence: 'possible', name: /\.(pem|key|p12|pfx|jks|keystore)$/ },
];

/** Any pattern's name test in one: most names fail it, and then no path needs to be built. */
const ANY_NAME = new RegExp(PATTERNS.map((p) => `(?:${p.name.source})`).join('|'));

/** A last path name that some pattern could match (the advice asks this per file of the image). */
export function mayBeSecretName(name: string): boolean {
  return ANY_NAME.test(name);
}

/**
 * Where public certificates and test fixtures live, not credentials; and the names CA bundles go
 * by (`/usr/lib/ssl/cert.pem` is Debian's link to the bundle, `/etc/ssl/cert.pem` Alpine's bundle).
 */
const NOT_SECRET =
  /^\/(etc\/ssl\/certs|usr\/share\/ca-certificates|usr\/local\/share\/ca-certificates|etc\/pki\/ca-trust|etc\/pki\/tls\/certs|etc\/ca-certificates|usr\/lib\/ssl\/certs|usr\/share\/doc)\/|\/(node_modules|site-packages|dist-packages)\/|\/(cacert|cert|ca-bundle|ca-certificates|tls-ca-bundle)\.(pem|crt)$|\.pub$/;

export function matchSecret(path: string): SecretMatch | undefined {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  if (!mayBeSecretName(name) || NOT_SECRET.test(path)) return undefined;
  const dir = path.slice(0, Math.max(slash, 0));
  const found = PATTERNS.find((p) => p.name.test(name) && (!p.dir || p.dir.test(dir)));
  return found ? { label: found.label, confidence: found.confidence } : undefined;
}
