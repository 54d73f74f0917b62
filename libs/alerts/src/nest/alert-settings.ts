import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';
import { ToBoolean, ToInt } from '@activation/config';

/** Environment of the alert evaluator (read by AlertsModule in every delivery service). */
export class AlertSettings {
  /** Judge rules in this service (any number of replicas may; one judges a rule at a time). */
  @IsBoolean()
  @ToBoolean()
  ALERTS_ENABLED = true;

  @IsInt()
  @Min(1_000)
  @ToInt()
  ALERTS_EVALUATION_INTERVAL_MS = 30_000;

  @IsInt()
  @Min(100)
  @Max(60_000)
  @ToInt()
  ALERTS_SEND_TIMEOUT_MS = 10_000;

  /**
   * Private networks the alert channels (webhook, Slack, SMTP host) may reach, as for function
   * destinations: keywords `loopback`, `private`, `link-local` or CIDR ranges, comma-separated.
   * Set it alike on every service that runs the evaluator.
   */
  @Matches(/^[\w.:/,\s-]*$/, { message: 'DELIVERY_ALLOWED_PRIVATE_NETWORKS must be keywords or CIDR ranges, comma-separated' })
  DELIVERY_ALLOWED_PRIVATE_NETWORKS = '';
}
