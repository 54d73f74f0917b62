import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ToInt } from '@activation/config';
import { DeliverySettings } from '@activation/delivery';

export class FunctionInvokerSettings extends DeliverySettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  override PORT = 3005;

  /**
   * Non-public networks functions may be called on: keywords `loopback`, `private`, `link-local`
   * and CIDR ranges, comma-separated. Empty (the default) allows public addresses only.
   */
  @IsString()
  @Matches(/^[\w.:/,\s-]*$/, { message: 'DELIVERY_ALLOWED_PRIVATE_NETWORKS must be keywords or CIDR ranges, comma-separated' })
  DELIVERY_ALLOWED_PRIVATE_NETWORKS = '';
}
