import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** Reads a YAML or JSON description (JSON is YAML; `.json` files are parsed strictly). */
export async function readDocumentFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  return path.endsWith('.json') ? JSON.parse(text) : parse(text, { strict: true, uniqueKeys: true });
}
