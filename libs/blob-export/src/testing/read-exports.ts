import { gunzipSync } from 'node:zlib';
import { ContainerClient } from '@azure/storage-blob';

export interface ExportedFile {
  name: string;
  /** Bytes as stored. */
  size: number;
  /** The text, gunzipped for `.gz` files. */
  text: string;
  /** The bytes as stored. */
  body: Buffer;
}

/** Every committed blob under `prefix`, in name order, read back. */
export async function readExports(connectionString: string, container: string, prefix: string): Promise<ExportedFile[]> {
  const client = new ContainerClient(connectionString, container);
  const files: ExportedFile[] = [];
  for await (const blob of client.listBlobsFlat({ prefix })) {
    const body = await client.getBlockBlobClient(blob.name).downloadToBuffer();
    files.push({ name: blob.name, size: body.length, body, text: (blob.name.endsWith('.gz') ? gunzipSync(body) : body).toString('utf8') });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** Blocks staged for `blobName` that no commit has made part of it. */
export async function uncommittedBlocks(connectionString: string, container: string, blobName: string): Promise<number> {
  const list = await new ContainerClient(connectionString, container).getBlockBlobClient(blobName).getBlockList('uncommitted');
  return list.uncommittedBlocks?.length ?? 0;
}
