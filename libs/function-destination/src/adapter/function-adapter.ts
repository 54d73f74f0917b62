import type {
  CallSender, DeliveryAdapter, DeliveryDestination, DeliveryLimits, DeliveryPlan, DeliverySubscription, DestinationTestResult,
} from '@activation/delivery';
import type { AddressPolicy } from '../http/address-policy';
import { FunctionClient } from '../http/function-client';
import { functionPayload } from '../payload/function-payload';
import { readFunctionDestination, readFunctionSubscription, FUNCTION_DEFAULTS } from '../settings/function-settings';
import { judge, FunctionSender } from './function-sender';

/** Secret names of a function destination: the key sent as `x-functions-key`, and the HMAC signing secret. */
export const FUNCTION_SECRETS = { functionKey: 'functionKey', signingSecret: 'signingSecret' } as const;

export interface FunctionAdapterOptions {
  policy: AddressPolicy;
  /** Extra CA certificates (PEM) trusted besides the system ones. */
  ca?: string | string[];
}

/** The `function` destination kind (seed 000) for the delivery framework. */
export class FunctionDestinationAdapter implements DeliveryAdapter {
  readonly kinds = ['function'] as const;

  constructor(private readonly options: FunctionAdapterOptions) {}

  plan(subscription: DeliverySubscription): DeliveryPlan {
    const destination = readFunctionDestination(subscription.destination.settings);
    const settings = readFunctionSubscription(subscription.settings);
    return {
      batchSize: settings.batchSize,
      callTypes: settings.callTypes,
      limits: settings.limits,
      retry: settings.retry,
      callTimeoutMs: destination.timeoutMs,
    };
  }

  destinationLimits(destination: DeliveryDestination): DeliveryLimits {
    try {
      return readFunctionDestination(destination.settings).limits;
    } catch {
      return {};
    }
  }

  createSender(subscription: DeliverySubscription, plan: DeliveryPlan): CallSender {
    const destination = readFunctionDestination(subscription.destination.settings);
    const settings = readFunctionSubscription(subscription.settings);
    const client = this.client(subscription.destination, plan.callTimeoutMs, plan.limits.concurrency);
    return new FunctionSender(client, destination.url, settings.primaryKeyColumn);
  }

  /** Calls the function once with an `add` of no rows and `x-activation-test: true`. */
  async testDestination(destination: DeliveryDestination, subscription?: DeliverySubscription): Promise<DestinationTestResult> {
    let config;
    try {
      config = readFunctionDestination(destination.settings);
    } catch (error) {
      return { ok: false, latencyMs: 0, errorClass: 'configuration', message: (error as Error).message };
    }
    const primaryKeyColumn = subscription ? readFunctionSubscription(subscription.settings).primaryKeyColumn : FUNCTION_DEFAULTS.primaryKeyColumn;
    const client = this.client(destination, config.timeoutMs, 1);
    try {
      const payload = functionPayload({ callType: 'NEW', primaryKeyColumn, rows: [], syncId: subscription?.id ?? 0, syncRunId: 0 });
      const exchange = await client.post(JSON.stringify(payload), { 'x-activation-test': 'true' });
      const result = judge(exchange, new Set());
      const common = { latencyMs: Math.round(exchange.latencyMs), httpStatus: result.httpStatus, response: result.response };
      if (result.outcome === 'delivered' || result.outcome === 'partial') return { ...common, ok: true, message: 'the function answered as expected' };
      if (result.outcome === 'throttled') return { ...common, ok: false, errorClass: 'throttled', message: result.reason };
      return { ...common, ok: false, errorClass: result.outcome === 'rejected' ? result.errorClass : undefined, message: result.outcome === 'rejected' ? result.reason : '' };
    } finally {
      await client.close();
    }
  }

  private client(destination: DeliveryDestination, timeoutMs: number, connections: number | undefined): FunctionClient {
    const config = readFunctionDestination(destination.settings);
    const secrets = destination.secrets();
    return new FunctionClient({
      url: config.url,
      timeoutMs,
      policy: this.options.policy,
      functionKey: secrets[FUNCTION_SECRETS.functionKey],
      signingSecret: secrets[FUNCTION_SECRETS.signingSecret],
      connections: connections ?? 64,
      ca: this.options.ca,
    });
  }
}
