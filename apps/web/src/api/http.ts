/** JSON over fetch, with the server's `{ error: { code, message } }` turned into ApiFailure. */
import { ApiErrorSchema } from '@strata/contract';

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export async function failureOf(res: Response): Promise<ApiFailure> {
  const text = await res.text().catch(() => '');
  return failureFromBody(text, res.status);
}

export function failureFromBody(text: string, status: number): ApiFailure {
  try {
    const parsed = ApiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return new ApiFailure(parsed.data.error.code, parsed.data.error.message, status);
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to the status line.
  }
  return new ApiFailure(
    `HTTP_${status}`,
    `The server answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}`,
    status,
  );
}

export async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new ApiFailure('NETWORK', `Could not reach the server (${(e as Error).message}).`);
  }
  if (!res.ok) throw await failureOf(res);
  return res.status === 204 ? undefined : res.json();
}
