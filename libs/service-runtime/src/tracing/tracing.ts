import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HEADERS } from '@activation/contracts';
import type { ConsumedMessage } from '@activation/kafka';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

let sdk: NodeSDK | undefined;

/**
 * Exports spans over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (once per process; the
 * first service started names it). Spans are made by the traced bus: one per consumed message,
 * a child of the message's `traceparent`, so a trace shows every service a change went through.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (!endpoint || sdk) return !!sdk;
  const url = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  sdk = new NodeSDK({ serviceName: env['OTEL_SERVICE_NAME'] ?? serviceName, traceExporter: new OTLPTraceExporter({ url }), instrumentations: [] });
  sdk.start();
  return true;
}

/** Flushes and stops the exporter (on shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}

export function tracingEnabled(): boolean {
  return sdk !== undefined;
}

/** A consumer span per message, child of its traceparent; ended by `end`. */
export function startConsumeSpans(messages: readonly ConsumedMessage[], group: string): { end(error?: unknown): void } {
  if (!sdk) return { end: () => undefined };
  const tracer = trace.getTracer('activation');
  const spans: Span[] = messages.map((message) => {
    const match = TRACEPARENT.exec(message.headers[HEADERS.traceparent] ?? '');
    const parent = match
      ? trace.setSpanContext(ROOT_CONTEXT, { traceId: match[1], spanId: match[2], traceFlags: Number.parseInt(match[3], 16) & TraceFlags.SAMPLED, isRemote: true })
      : context.active();
    return tracer.startSpan(
      `process ${message.topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka', 'messaging.destination.name': message.topic, 'messaging.consumer.group.name': group,
          'messaging.destination.partition.id': String(message.partition), 'messaging.kafka.offset': Number(message.offset),
          'messaging.message.id': message.headers[HEADERS.eventId] ?? '',
        },
      },
      parent,
    );
  });
  return {
    end: (error?: unknown) => {
      for (const span of spans) {
        if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        span.end();
      }
    },
  };
}
