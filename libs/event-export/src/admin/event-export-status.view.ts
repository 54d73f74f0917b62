import { ApiProperty } from '@nestjs/swagger';
import type { ExportState } from '../store/export-state.repository';

/** What an event export has done and will do next, as the admin API shows it. */
export class EventExportStatusView {
  @ApiProperty({ format: 'uuid' })
  destinationId!: string;

  @ApiProperty({ description: 'Whether the exporter has seen this export yet (the fields below are empty until then)' })
  scheduled!: boolean;

  @ApiProperty({ description: 'A one-time export that ran, or a periodic one past its end date: no more runs' })
  finished!: boolean;

  @ApiProperty({ description: 'Files written so far' })
  runs!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Start of the last run that wrote a file' })
  lastRunAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Blob name of the last file written' })
  lastFile!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Events in the last file written' })
  lastRows!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next run is due (a failed run is retried then); null when finished' })
  nextRunAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed; cleared by the next file written' })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When lastError was recorded' })
  lastErrorAt!: string | null;
}

export function toEventExportStatusView(destinationId: string, state: ExportState | undefined): EventExportStatusView {
  const iso = (date: Date | undefined) => date?.toISOString() ?? null;
  return {
    destinationId,
    scheduled: state !== undefined,
    finished: state?.finished ?? false,
    runs: state?.runs ?? 0,
    lastRunAt: iso(state?.lastRunAt),
    lastFile: state?.lastFile ?? null,
    lastRows: state?.lastRows ?? null,
    nextRunAt: iso(state?.nextRunAt),
    lastError: state?.lastError ?? null,
    lastErrorAt: iso(state?.lastErrorAt),
  };
}
