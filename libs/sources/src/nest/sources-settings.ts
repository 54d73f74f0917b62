import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { ToBoolean, ToInt } from '@activation/config';

/** The source scheduler's own variables (read from the environment of the hosting service). */
export class SourcesSettings {
  /** Run pull sources in this process (off for replicas that should only serve HTTP). */
  @IsBoolean()
  @ToBoolean()
  SOURCES_SCHEDULER_ENABLED = true;

  /** How often due sources are looked for (also how soon a run requested through the API starts). */
  @IsInt()
  @Min(100)
  @Max(600_000)
  @ToInt()
  SOURCES_POLL_MS = 5_000;

  /** A claimed source stays leased this long; a run that crashed is retried after it. */
  @IsInt()
  @Min(30)
  @Max(86_400)
  @ToInt()
  SOURCES_LEASE_SECONDS = 1_800;
}
