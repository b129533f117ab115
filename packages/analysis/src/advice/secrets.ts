/**
 * Secrets in any layer: a credential a layer stores can be read by anyone who pulls the image,
 * even when a later layer deletes it (layers only add). Severity high; this is about exposure,
 * not bytes, so it claims none. Fix: keep the file out of the context (.dockerignore) and give it
 * to the one RUN that needs it as a BuildKit secret (RUN --mount=type=secret), never as a layer.
 * Judged by content when the decode pass read it (content/secrets.ts), else by name.
 */
import { layerName, makeFinding, newDraft, type AdviceContext } from './context.js';
import type { Occurrence } from './occurrences.js';
import { dropRedundantCleanups } from './redundant.js';
import { wantsContent } from '../content/select.js';
import type { ContentFinding, SecretFinding } from '../content/types.js';
import { matchSecret, mayBeSecretName, type SecretMatch } from './secret-paths.js';
import type { AdviceFile, Finding } from './types.js';

interface Found {
  occurrence: Occurrence;
  match: SecretMatch;
  /** What the file's content showed (kind, line, fingerprint), when it was read. */
  secrets: SecretFinding[];
}

export function secretsInLayers(ctx: AdviceContext): Finding[] {
  const found = findSecrets(ctx);
  if (found.length === 0) return [];
  const live = found.filter((f) => !isBase(ctx, f.occurrence));
  const severity = live.some((f) => f.match.confidence === 'certain')
    ? 'high'
    : found.some((f) => f.secrets.length === 0 || f.match.confidence === 'certain')
      ? 'medium'
      : 'low';
  const { after, dockerignore } = fixFor(ctx, found);
  return [
    makeFinding(ctx, {
      rule: 'secrets',
      severity,
      title: `Credentials stored in the image: ${[...new Set(found.map((f) => f.match.label))].join(', ')}`,
      explanation: `${found.map((f) => where(ctx, f)).join(' ')} Anyone who can pull the image can extract them from the layer, deleted or not; rotate them. ${caveat(ctx, found)}`,
      layers: found.flatMap((f) => [
        f.occurrence.layer,
        ...(f.occurrence.end ? [f.occurrence.end.layer] : []),
      ]),
      files: found.map((f): AdviceFile => ({
        path: f.occurrence.path,
        bytes: f.occurrence.size,
        layer: f.occurrence.layer,
      })),
      recoverableBytes: 0,
      fix: { after, ...(dockerignore ? { dockerignore } : {}) },
    }),
  ];
}

/**
 * Content findings lead; a name alone still counts, at lower confidence when the content was read
 * and says nothing, and not at all when it shows only public certificates. Links hold no bytes:
 * their target is judged where it is stored.
 */
function findSecrets(ctx: AdviceContext): Found[] {
  // Findings by layer and path id, once: an image can have a million occurrences and thousands
  // of findings. An occurrence with neither findings nor a suspect name makes no path string.
  const byNode = (ctx.findings ?? []).map((layer) => {
    const map = new Map<number, ContentFinding[]>();
    for (const f of layer) {
      const node = ctx.paths.find(f.path);
      if (node >= 0) map.set(node, [...(map.get(node) ?? []), f]);
    }
    return map;
  });
  const out: Found[] = [];
  for (const written of ctx.occurrences)
    for (const occurrence of written) {
      const content = byNode[occurrence.layer]?.get(occurrence.node);
      if (!content && !(occurrence.isFile && mayBeSecretName(ctx.paths.names[occurrence.node] ?? '')))
        continue;
      out.push(...found(ctx, content ?? [], occurrence));
    }
  return out;
}

/** One occurrence: a secret by content leads; a name alone counts where the content says nothing. */
function found(ctx: AdviceContext, content: ContentFinding[], occurrence: Occurrence): Found[] {
  const secrets = content.filter((f): f is SecretFinding => f.kind === 'secret');
  if (secrets.length > 0) return [{ occurrence, match: contentMatch(secrets), secrets }];
  if (!occurrence.isFile) return [];
  const path = occurrence.path;
  const byName = matchSecret(path);
  if (!byName || content.some((f) => f.kind === 'certificates')) return [];
  const read = ctx.findings !== undefined && wantsContent(path, 'file', occurrence.size);
  return [{ occurrence, match: read ? { ...byName, confidence: 'possible' } : byName, secrets }];
}

function contentMatch(secrets: SecretFinding[]): SecretMatch {
  const label = [...new Set(secrets.map((s) => s.label))].join(', ');
  return { label, confidence: secrets.some((s) => s.confidence !== 'low') ? 'certain' : 'possible' };
}

function caveat(ctx: AdviceContext, found: Found[]): string {
  if (ctx.findings === undefined)
    return 'Only names are known (layer contents are not read), so check each file.';
  return found.some((f) => f.secrets.length === 0)
    ? 'Files named like credentials whose contents show none are listed too: check them.'
    : 'Found by content; values are never shown, only fingerprints (first 8 hex digits of their SHA-256).';
}

function where(ctx: AdviceContext, { occurrence: o, match, secrets }: Found): string {
  const gone = o.end
    ? ` (${o.end.how} by layer ${o.end.layer}, but ${layerName(ctx, o.layer)} still holds it)`
    : ` (in ${layerName(ctx, o.layer)})`;
  const lines = secrets.map((s) => `line ${s.line}, fingerprint ${s.fingerprint}`).join('; ');
  return `${o.path}: ${match.label}${lines ? ` [${lines}]` : ''}${gone}.`;
}

function isBase(ctx: AdviceContext, o: Occurrence): boolean {
  return ctx.steps[o.layer]?.base ?? false;
}

/** COPY'd secrets: drop the COPY when it copies nothing else, ignore the file; RUN-made: a note. */
function fixFor(ctx: AdviceContext, found: Found[]): { after: string; dockerignore: string } {
  const draft = newDraft(ctx);
  const ignores = new Set<string>();
  const byLayer = new Map<number, Found[]>();
  for (const f of found) byLayer.set(f.occurrence.layer, [...(byLayer.get(f.occurrence.layer) ?? []), f]);
  for (const [layer, here] of byLayer) {
    const step = ctx.steps[layer];
    if (!step || step.base || step.historyIndex === null) continue;
    const name = baseName(here[0]?.occurrence.path ?? '');
    const mountFlag = `--mount=type=secret,id=${name.replace(/^\./, '')},target=${here[0]?.occurrence.path}`;
    if (step.kind === 'COPY' || step.kind === 'ADD') {
      here.forEach((f) => ignores.add(`**/${baseName(f.occurrence.path)}`));
      const onlySecrets = (ctx.occurrences[layer] ?? []).every(
        (o) => o.size === 0 || here.some((f) => f.occurrence === o),
      );
      if (onlySecrets)
        draft.replace(
          step.historyIndex,
          `# removed: ${step.text} (a credential; pass it as a build secret instead)`,
        );
      const users = usersOf(ctx, here[0]?.occurrence);
      users.forEach((h) => draft.addRunFlag(h, mountFlag));
      if (users.length === 0)
        draft.insertBefore(step.historyIndex, [`# RUN ${mountFlag} <the command that needs it>`]);
    } else {
      draft.insertBefore(step.historyIndex, [
        `# this RUN writes ${here.map((f) => f.occurrence.path).join(', ')}: use a build secret instead`,
        `# RUN ${mountFlag} <the command that needs it>`,
      ]);
    }
  }
  dropRedundantCleanups(ctx, draft, new Set(found.map((f) => f.occurrence)));
  return {
    after: draft.render(),
    dockerignore: ignores.size > 0 ? [...ignores].sort().join('\n') + '\n' : '',
  };
}

/** The RUN steps that ran while a copied secret was there: they get it as a secret mount instead. */
function usersOf(ctx: AdviceContext, o: Occurrence | undefined): number[] {
  if (!o?.end || o.end.how !== 'removed') return [];
  return ctx.steps
    .slice(o.layer + 1, o.end.layer)
    .filter((s) => s.kind === 'RUN' && !s.base && s.historyIndex !== null)
    .map((s) => s.historyIndex as number);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
