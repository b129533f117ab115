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

interface SecretPattern extends SecretMatch {
  test: RegExp;
}

const PATTERNS: SecretPattern[] = [
  {
    label: 'SSH private key',
    confidence: 'certain',
    test: /\/(id_(rsa|dsa|ecdsa|ed25519)(_sk)?|ssh_host_\w+_key)$/,
  },
  {
    label: '.env file',
    confidence: 'certain',
    test: /\/\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?$/,
  },
  { label: 'npm credentials (.npmrc)', confidence: 'certain', test: /\/\.npmrc$/ },
  { label: 'PyPI credentials (.pypirc)', confidence: 'certain', test: /\/\.pypirc$/ },
  { label: '.netrc', confidence: 'certain', test: /\/\.netrc$/ },
  { label: 'git credentials', confidence: 'certain', test: /\/\.git-credentials$/ },
  { label: 'AWS credentials', confidence: 'certain', test: /\/\.aws\/(credentials|config)$/ },
  { label: 'Docker registry credentials', confidence: 'certain', test: /\/\.docker\/config\.json$/ },
  { label: 'kubeconfig', confidence: 'certain', test: /\/\.kube\/config$/ },
  {
    label: 'Google Cloud credentials',
    confidence: 'certain',
    test: /\/(\.config\/gcloud\/(credentials\.db|access_tokens\.db|application_default_credentials\.json)|[\w-]*service[-_]account[\w-]*\.json)$/,
  },
  { label: 'Terraform state', confidence: 'certain', test: /\.tfstate(\.backup)?$/ },
  { label: 'private key or keystore', confidence: 'possible', test: /\.(pem|key|p12|pfx|jks|keystore)$/ },
];

/**
 * Where public certificates and test fixtures live, not credentials; and the names CA bundles go
 * by (`/usr/lib/ssl/cert.pem` is Debian's link to the bundle, `/etc/ssl/cert.pem` Alpine's bundle).
 */
const NOT_SECRET =
  /^\/(etc\/ssl\/certs|usr\/share\/ca-certificates|usr\/local\/share\/ca-certificates|etc\/pki\/ca-trust|etc\/pki\/tls\/certs|etc\/ca-certificates|usr\/lib\/ssl\/certs|usr\/share\/doc)\/|\/(node_modules|site-packages|dist-packages)\/|\/(cacert|cert|ca-bundle|ca-certificates|tls-ca-bundle)\.(pem|crt)$|\.pub$/;

export function matchSecret(path: string): SecretMatch | undefined {
  if (NOT_SECRET.test(path)) return undefined;
  const found = PATTERNS.find((p) => p.test.test(path));
  return found ? { label: found.label, confidence: found.confidence } : undefined;
}
