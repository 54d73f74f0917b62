import { IsInt, Max, Min } from 'class-validator';
import { ToInt } from '@activation/config';
import { DeliverySettings } from '@activation/delivery';

export class EmitterLyticsSettings extends DeliverySettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  override PORT = 3004;
}
