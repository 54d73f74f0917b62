/**
 * Events per second written to Azurite by one export run, per file format, against reading the
 * same rows from Postgres and throwing them away (the baseline, measured in the same run), with how
 * far the process's RSS rose during each case (the file is streamed, so it should not grow with it).
 *
 *   node -r @swc-node/register benchmarks/event-export/export-throughput.ts [events]
 *
 * Needs the Postgres started by scripts/postgres.sh; starts Azurite itself. Events are inserted
 * straight into `export_events` of a private schema (the Kafka intake is not what is measured).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateKey } from 'openpgp';
import { ContainerClient } from '@azure/storage-blob';
import {
  csvLayout, exportStream, ExportEventRepository, uploadExport, type EventSelection, type ExportEvent,
} from '@activation/event-export';
import { createTestSchema } from '@activation/testing';
import { startAzurite } from '../../libs/sources/src/test-support/azurite';

const EVENTS = Number(process.argv[2] ?? 200_000);
const NAMES = ['purchase', 'page_view', 'signup', 'login'];

function synthetic(n: number): ExportEvent {
  return {
    eventId: randomUUID(), profileId: `profile-${n % 50_000}`, name: NAMES[n % NAMES.length], occurredAt: 1_767_225_600_000 + n,
    receivedAt: 1_767_225_601_000 + n, source: 'web',
    properties: { sku: `SKU-${n % 977}`, price: (n % 10_000) / 100, url: `/products/${n % 977}`, cart: { items: 1 + (n % 5) } },
  };
}

/** Runs `work` while sampling RSS every 20 ms; returns seconds and how far RSS rose above its start, in MB. */
async function measure(work: () => Promise<void>): Promise<{ seconds: number; growthMb: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return { seconds: (performance.now() - started) / 1000, growthMb: (Math.max(peak, process.memoryUsage().rss) - start) / 1024 / 1024 };
}

async function allSettled(dataSource: import('typeorm').DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT bool_and(tx < pg_snapshot_xmin(pg_current_snapshot())) AS settled FROM export_events`);
  return row.settled === true;
}

async function main(): Promise<void> {
  const [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
  try {
    const events = new ExportEventRepository(schema.dataSource);
    for (let start = 0; start < EVENTS; start += 5_000) {
      await events.insert(Array.from({ length: Math.min(5_000, EVENTS - start) }, (_, i) => synthetic(start + i)));
    }
    // Rows are exported once every transaction older than theirs has ended (another session may hold one).
    let upTo = await events.settledEnd();
    for (let waited = 0; !(await allSettled(schema.dataSource)); waited += 200) {
      if (waited > 60_000) throw new Error('rows did not settle within a minute: a long transaction is open');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    upTo = await events.settledEnd();
    if (!upTo) throw new Error('no settled rows');
    const selection: EventSelection = { upTo, streams: [] };
    const layout = csvLayout(await events.propertyKeys(selection));
    const container = new ContainerClient(azurite.connectionString, 'bench');
    await container.create();
    const { publicKey } = await generateKey({ type: 'curve25519', userIDs: [{ name: 'bench' }], format: 'armored' });

    const baseline = await measure(async () => {
      let rows = 0;
      for await (const event of events.read(selection)) rows += event ? 1 : 0;
      if (rows !== EVENTS) throw new Error(`read ${rows} of ${EVENTS}`);
    });
    const discard = (compression: 'none' | 'gzip') => measure(async () => {
      const body = await exportStream(events.read(selection), { layout, includeHeaders: true, compression, zipEntryName: 'x.csv' });
      await pipeline(body, new Writable({ write: (_chunk, _encoding, done) => done() }));
    });
    const csvOnly = await discard('none');
    const gzipOnly = await discard('gzip');
    const cases = [
      { name: 'csv', compression: 'none' as const },
      { name: 'csv.gz', compression: 'gzip' as const },
      { name: 'zip', compression: 'zip' as const },
      { name: 'csv.gz.pgp', compression: 'gzip' as const, pgpPublicKey: publicKey },
    ];
    const results: Array<{ name: string; seconds: number; growthMb: number; bytes: number }> = [];
    for (const test of cases) {
      const blob = container.getBlockBlobClient(`events.${test.name}`);
      const measured = await measure(async () => {
        const body = await exportStream(events.read(selection), {
          layout, includeHeaders: true, compression: test.compression, zipEntryName: 'events.csv',
          ...(test.pgpPublicKey ? { pgpPublicKey: test.pgpPublicKey } : {}),
        });
        await uploadExport(blob, body, 'application/octet-stream');
      });
      results.push({ name: test.name, ...measured, bytes: (await blob.getProperties()).contentLength ?? 0 });
    }

    const rate = (seconds: number) => Math.round(EVENTS / seconds).toLocaleString('en-US');
    console.log(`${EVENTS.toLocaleString('en-US')} events, ${layout.header.length} columns, Node ${process.version}`);
    console.log(`baseline: read from Postgres and discard   ${baseline.seconds.toFixed(2)} s  ${rate(baseline.seconds)} events/s  RSS growth ${baseline.growthMb.toFixed(0)} MB`);
    console.log(`CSV to nowhere (no upload)                 ${csvOnly.seconds.toFixed(2)} s  ${rate(csvOnly.seconds)} events/s  time ×${(csvOnly.seconds / baseline.seconds).toFixed(2)}  RSS growth ${csvOnly.growthMb.toFixed(0)} MB`);
    console.log(`gzip to nowhere (no upload)                ${gzipOnly.seconds.toFixed(2)} s  ${rate(gzipOnly.seconds)} events/s  time ×${(gzipOnly.seconds / baseline.seconds).toFixed(2)}  RSS growth ${gzipOnly.growthMb.toFixed(0)} MB`);
    for (const result of results) {
      console.log(
        `upload ${result.name.padEnd(12)} ${(result.bytes / 1024 / 1024).toFixed(1).padStart(7)} MiB   ${result.seconds.toFixed(2)} s  ${rate(result.seconds)} events/s  ` +
          `time ×${(result.seconds / baseline.seconds).toFixed(2)} of baseline  RSS growth ${result.growthMb.toFixed(0)} MB`,
      );
    }
  } finally {
    await schema.drop();
    await azurite.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
