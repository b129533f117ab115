/**
 * The pages over several analyses, addressed by the URL so a link can be shared:
 * `/?compare=A,B` (the compare page; `/?compare` to pick two) and `/?shared=A,B,C` (the
 * shared-layers view; `/?shared` to pick).
 */
import type { ImageEntry } from '@strata/contract';

export type SetPage = { kind: 'compare'; ids: string[] } | { kind: 'shared'; ids: string[] };

export function parseSetPage(search: string): SetPage | undefined {
  const q = new URLSearchParams(search);
  for (const kind of ['compare', 'shared'] as const) {
    if (!q.has(kind)) continue;
    const ids = (q.get(kind) ?? '').split(',').filter((id) => /^[a-z0-9]+-[a-f0-9]{32,128}$/.test(id));
    return { kind, ids: kind === 'compare' ? ids.slice(0, 2) : ids };
  }
  return undefined;
}

export function setPageUrl(page: SetPage): string {
  return `/?${page.kind}=${page.ids.join(',')}`;
}

/** An upload holding several images, kept by the server under `upload` for a choice. */
export interface SeveralImages {
  source: string;
  upload: string;
  images: ImageEntry[];
}
