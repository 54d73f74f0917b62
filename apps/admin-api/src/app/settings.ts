import { IsInt, Max, Min } from 'class-validator';
import { PlatformSettings, ToInt } from '@activation/config';

export class AdminApiSettings extends PlatformSettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  override PORT = 3000;
}
