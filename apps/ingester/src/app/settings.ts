import { IsInt, Max, Min } from 'class-validator';
import { ToInt } from '@activation/config';
import { IngestionSettings } from '@activation/ingestion';

export class IngesterSettings extends IngestionSettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  override PORT = 3001;
}
