import { Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { ApiKeyController, DestinationRepository, ReadAccess, UuidIdPipe } from '@activation/configuration';
import { DATA_SOURCE } from '@activation/service-runtime';
import { ExportStateRepository } from '../store/export-state.repository';
import { EventExportStatusView, toEventExportStatusView } from './event-export-status.view';

const EVENT_EXPORT_KIND = 'event-export';
const destinationIdPipe = new UuidIdPipe('destination');
const notFound = (id: string) => new NotFoundException(`No destination with id ${JSON.stringify(id)}.`);

/** The runs of an event export (files written, next run, last error): a read model of `event_export_state`. */
@ApiKeyController('v1/destinations/:id/event-export', 'Destinations')
export class EventExportStatusController {
  private readonly states: ExportStateRepository;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly destinations: DestinationRepository,
  ) {
    this.states = new ExportStateRepository(dataSource);
  }

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'An event export\'s last file (name, rows, time), next run and last error' })
  @ApiOkResponse({ type: EventExportStatusView })
  @ApiResponse({ status: 404, description: 'No destination with this id, or one of another kind (problem details)' })
  async status(@Param('id', destinationIdPipe) id: string): Promise<EventExportStatusView> {
    const destination = await this.destinations.findById(id);
    if (!destination) throw notFound(id);
    if (destination.kind !== EVENT_EXPORT_KIND) {
      throw new NotFoundException(`Destination ${JSON.stringify(id)} is of kind ${destination.kind}; only event-export destinations have an export status.`);
    }
    return toEventExportStatusView(id, await this.states.find(id));
  }
}
