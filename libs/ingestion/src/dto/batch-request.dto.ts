import { ApiProperty } from '@nestjs/swagger';
import { EventItemDto } from './event-item.dto';
import { ProfileChangeItemDto } from './profile-change-item.dto';

/** Documentation of the `POST /v1/profiles` body; the body is parsed and checked item by item. */
export class ProfileChangesRequestDto {
  @ApiProperty({ type: [ProfileChangeItemDto], minItems: 1, description: 'Changes, applied per profile in the order given.' })
  changes!: ProfileChangeItemDto[];
}

/** Documentation of the `POST /v1/events` body. */
export class EventsRequestDto {
  @ApiProperty({ type: [EventItemDto], minItems: 1, description: 'Events, kept per profile in the order given.' })
  events!: EventItemDto[];
}
