import { IsInt, Max, Min } from 'class-validator';
import { ToInt } from '@activation/config';
import { DeliverySettings } from '@activation/delivery';

export class EmitterEventhubsSettings extends DeliverySettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  override PORT = 3003;

  /** This platform instance's `siteNumber`, sent in every Event Hubs message (seed 002). */
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  @ToInt()
  SITE_NUMBER = 1;
}
