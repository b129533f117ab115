import { writeFile } from 'node:fs/promises';
import { StrataError } from '@strata/image';

/** Write a JSON export; a path that cannot be written is bad input (exit 2), said in one line. */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`).catch((err: NodeJS.ErrnoException) => {
    throw new StrataError('NOT_FOUND', `cannot write ${path}: ${err.code ?? err.message}`);
  });
}
