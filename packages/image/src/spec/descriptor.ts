/** OCI content descriptors (image-spec descriptor.md), read and checked field by field. */
import type { Descriptor, Platform } from '../image.js';
import { count, digest, field, object, optional, string, stringRecord } from './json-shape.js';

export function readDescriptor(value: unknown, path: string): Descriptor {
  const doc = object(value, path);
  const out: Descriptor = {
    // Required by the spec, but Docker's own index.json entries have been seen without it.
    mediaType: optional(doc, 'mediaType', path, string) ?? '',
    digest: digest(doc['digest'], field(path, 'digest')),
    size: count(doc['size'], field(path, 'size')),
  };
  const annotations = optional(doc, 'annotations', path, stringRecord);
  if (annotations) out.annotations = annotations;
  const platform = optional(doc, 'platform', path, readPlatform);
  if (platform) out.platform = platform;
  return out;
}

function readPlatform(value: unknown, path: string): Platform {
  const doc = object(value, path);
  const platform: Platform = {
    os: string(doc['os'], field(path, 'os')),
    architecture: string(doc['architecture'], field(path, 'architecture')),
  };
  const variant = optional(doc, 'variant', path, string);
  if (variant) platform.variant = variant;
  return platform;
}
