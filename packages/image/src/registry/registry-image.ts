/**
 * An image pulled from a registry, implementing the Image model lazily: nothing is fetched
 * until a getter asks, and each document is fetched once. An index is resolved to the
 * manifest of the wanted platform; the config is verified against its digest; layers stream
 * from the registry, verified while streaming (see blob-stream.ts).
 */
import type { Readable } from 'node:stream';
import { StrataError, wrapError } from '../errors.js';
import type { Descriptor, Image, ImageConfig, Layer, Manifest, Platform } from '../image.js';
import { layersOf } from '../spec/partial.js';
import { parseImageConfig } from '../spec/image-config.js';
import { RegistryClient, type FetchedManifest } from './client.js';
import type { RegistryOptions } from './options.js';
import {
  DEFAULT_PLATFORM,
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  selectManifest,
} from '../platform.js';
import { formatReference, parseReference, referenceIdentifier, type Reference } from './reference.js';

interface Resolved {
  manifest: Manifest;
  digest: string;
  /** Digest of the index the manifest was chosen from, if any. */
  indexDigest?: string;
  /** That index as the registry sent it (already parsed and validated once: it is JSON). */
  indexBytes?: Buffer;
}

export class RegistryImage implements Image {
  readonly source: string;
  readonly reference: Reference;
  private readonly client: RegistryClient;
  private readonly ownsClient: boolean;
  private readonly platform: Platform;
  private readonly platformAsked: boolean;
  private resolved?: Promise<Resolved>;
  private configured?: Promise<ImageConfig>;
  private layerList?: Promise<Layer[]>;

  /** `client` lets several images share connections and tokens; the caller then closes it. */
  constructor(reference: string | Reference, options: RegistryOptions = {}, client?: RegistryClient) {
    this.reference = typeof reference === 'string' ? parseReference(reference) : reference;
    this.source = formatReference(this.reference);
    this.client = client ?? new RegistryClient(options);
    this.ownsClient = !client;
    this.platformAsked = options.platform !== undefined;
    const p = options.platform ?? DEFAULT_PLATFORM;
    this.platform = typeof p === 'string' ? parsePlatform(p) : p;
  }

  /** Digest of the image manifest (for an index: of the chosen platform's manifest). */
  async digest(): Promise<string> {
    return (await this.resolve()).digest;
  }

  /** Digest of the index or manifest list the reference points to, when it points to one. */
  async indexDigest(): Promise<string | undefined> {
    return (await this.resolve()).indexDigest;
  }

  async manifest(): Promise<Manifest> {
    return (await this.resolve()).manifest;
  }

  /** The index the reference points to, as the registry sent it (for users to read), if any. */
  async index(): Promise<Record<string, unknown> | undefined> {
    const { indexBytes } = await this.resolve();
    return indexBytes ? (JSON.parse(indexBytes.toString('utf8')) as Record<string, unknown>) : undefined;
  }

  config(): Promise<ImageConfig> {
    this.configured ??= this.fetchConfig();
    return this.configured;
  }

  layers(): Promise<Layer[]> {
    this.layerList ??= this.makeLayers();
    return this.layerList;
  }

  async names(): Promise<string[]> {
    return [this.source];
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.close();
  }

  private resolve(): Promise<Resolved> {
    this.resolved ??= this.fetchManifests();
    return this.resolved;
  }

  private async fetchManifests(): Promise<Resolved> {
    const top = await this.client.fetchManifest(this.reference, referenceIdentifier(this.reference));
    if (top.parsed.kind === 'image') return { manifest: top.parsed.manifest, digest: top.digest };
    const chosen = selectManifest(
      top.parsed.index.manifests,
      this.platformAsked ? this.platform : undefined,
      this.source,
    );
    const child = await this.client.fetchManifest(this.reference, chosen.digest);
    return {
      manifest: this.imageManifest(child, chosen),
      digest: child.digest,
      indexDigest: top.digest,
      indexBytes: top.bytes,
    };
  }

  private imageManifest(child: FetchedManifest, chosen: Descriptor): Manifest {
    if (child.parsed.kind === 'image') return child.parsed.manifest;
    const where = `${this.source} (platform ${formatPlatform(chosen.platform ?? this.platform)})`;
    throw new StrataError('UNSUPPORTED', `${where}: the index entry ${chosen.digest} is itself an index`);
  }

  private async fetchConfig(): Promise<ImageConfig> {
    const { manifest } = await this.resolve();
    const limit = this.client.settings.maxConfigBytes;
    const bytes = await this.client.fetchBlob(
      this.reference,
      manifest.config,
      limit,
      `config of ${this.source}`,
    );
    const what = `the config of ${this.source}`;
    let config: ImageConfig;
    try {
      config = parseImageConfig(bytes, what, this.client.settings.imageLimits);
    } catch (err) {
      throw wrapError(`reading ${what}`, err);
    }
    this.checkPlatform(config);
    return config;
  }

  /** A single-platform image that is not the platform the user asked for is an error, as in docker pull. */
  private checkPlatform(config: ImageConfig): void {
    if (!this.platformAsked || !config.os || !config.architecture) return;
    const have = normalizePlatform({
      os: config.os,
      architecture: config.architecture,
      variant: config.variant,
    });
    const want = normalizePlatform(this.platform);
    const variantOk = !this.platform.variant || have.variant === want.variant;
    if (have.os === want.os && have.architecture === want.architecture && variantOk) return;
    const found = formatPlatform({
      os: config.os,
      architecture: config.architecture,
      variant: config.variant,
    });
    throw new StrataError('PLATFORM', `${this.source} is ${found}, not ${formatPlatform(this.platform)}`);
  }

  private async makeLayers(): Promise<Layer[]> {
    const [{ manifest }, config] = await Promise.all([this.resolve(), this.config()]);
    const make = (d: Descriptor, diffId: string): Layer =>
      new RegistryLayer(this.client, this.reference, d, diffId);
    const listing = { listed: manifest.layers, listedIn: `the manifest of ${this.source}`, make };
    return layersOf(config, listing, this.client.settings.imageLimits);
  }
}

class RegistryLayer implements Layer {
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;

  constructor(
    private readonly client: RegistryClient,
    private readonly reference: Reference,
    private readonly descriptor: Descriptor,
    readonly diffId: string,
  ) {
    this.digest = descriptor.digest;
    this.size = descriptor.size;
    this.mediaType = descriptor.mediaType;
  }

  open(): Promise<Readable> {
    return this.client.openBlob(this.reference, this.descriptor, 'layer');
  }
}
