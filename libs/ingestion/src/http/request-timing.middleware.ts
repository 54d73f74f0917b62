import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IngestMetrics } from '../metrics/ingest-metrics';

/** The route template of an ingest URL, so the latency histogram has few label values. */
export function ingestRoute(url: string | undefined): string | undefined {
  const path = (url ?? '').split('?')[0];
  if (path === '/v1/profiles' || path === '/v1/events') return path;
  if (/^\/v1\/sources\/[^/]+\/webhook$/.test(path)) return '/v1/sources/{id}/webhook';
  return undefined;
}

/** Observes every ingest request's latency, refusals by middleware and guards included. */
export function requestTiming(metrics: IngestMetrics) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const route = ingestRoute((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url);
    if (route) {
      const stop = metrics.requestDuration.startTimer({ route });
      res.once('finish', () => stop({ status: String(res.statusCode) }));
    }
    next();
  };
}
