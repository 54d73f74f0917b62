import { Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify';
import { createMessage, encrypt, readKey, type PublicKey } from 'openpgp';
import { ZipFile } from 'yazl';
import { PGP_PUBLIC_KEY_SECRET, type EventExportCompression } from '@activation/configuration';
import type { ExportEvent } from '../store/export-event.repository';
import { coalesce } from './coalesce';
import { csvRow, type CsvLayout } from './csv-columns';

export interface ExportStreamOptions {
  layout: CsvLayout;
  includeHeaders: boolean;
  compression: EventExportCompression;
  /** File name of the CSV inside a zip archive. */
  zipEntryName: string;
  /** Armored OpenPGP public key; the output is encrypted to it. */
  pgpPublicKey?: string;
}

/**
 * The bytes of one export file as a stream: CSV rows, then gzip or zip, then OpenPGP encryption.
 * Compression comes first because encrypted bytes do not compress. A failure anywhere (reading the
 * events included) destroys the returned stream with that error.
 */
export async function exportStream(events: AsyncIterable<ExportEvent>, options: ExportStreamOptions): Promise<Readable> {
  const key = options.pgpPublicKey ? await encryptionKeyOf(options.pgpPublicKey) : undefined;
  const rows = Readable.from(mapRows(events, options.layout));
  const csv = stringify({ header: options.includeHeaders, columns: options.layout.header });
  const csvBytes = pipeline(rows, csv, coalesce(), () => undefined);
  const compressed = compress(csvBytes, options.compression, options.zipEntryName);
  if (!key) return compressed;
  const message = await createMessage({ binary: Readable.toWeb(compressed) as unknown as ReadableStream<Uint8Array> });
  const encrypted = await encrypt({ message, encryptionKeys: key, format: 'binary' });
  return Readable.fromWeb(encrypted as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
}

/** The key files are encrypted to; a key that cannot encrypt fails the run before anything is written. */
async function encryptionKeyOf(armoredKey: string): Promise<PublicKey> {
  const unusable = (reason: string) => new Error(`the ${PGP_PUBLIC_KEY_SECRET} secret is not a usable OpenPGP public key: ${reason}`);
  let key;
  try {
    key = await readKey({ armoredKey });
  } catch (error) {
    throw unusable((error as Error).message);
  }
  if (key.isPrivate()) throw unusable('it is a private key; give the public key');
  try {
    await key.getEncryptionKey();
  } catch (error) {
    throw unusable((error as Error).message);
  }
  return key;
}

async function* mapRows(events: AsyncIterable<ExportEvent>, layout: CsvLayout): AsyncGenerator<string[]> {
  for await (const event of events) yield csvRow(event, layout);
}

function compress(csv: Readable, compression: EventExportCompression, entryName: string): Readable {
  if (compression === 'none') return csv;
  if (compression === 'gzip') return pipeline(csv, createGzip(), () => undefined);
  const zip = new ZipFile();
  // The size is unknown until the end, so the entry carries a data descriptor: nothing is held in memory.
  zip.addReadStream(csv, entryName, { mtime: new Date() });
  zip.end();
  const archive = zip.outputStream as Readable;
  csv.once('error', (error) => archive.destroy(error));
  return archive;
}
