import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Min } from 'class-validator';
import { ALERT_CHANNEL_KINDS, type AlertChannelKind } from '../model/alert-channel';
import { ALERT_RULE_KINDS, type AlertRuleKind } from '../model/alert-rule';

const CHANNEL_SETTINGS = {
  type: 'object',
  additionalProperties: true,
  description: 'webhook: { url }; slack: {} (the URL is a secret); email: { host, port (587), secure (port 465), from, to: [addresses] }',
  example: { url: 'https://ops.example.com/alerts' },
} as const;

const CHANNEL_SECRETS = {
  type: 'object',
  additionalProperties: { type: 'string', nullable: true },
  description: 'webhook: authorization (sent as the Authorization header); slack: url (the incoming-webhook URL); email: username, password. ' +
    'Stored encrypted and never returned. On update a value replaces, null removes, an absent name is kept.',
  example: { authorization: 'Bearer abc123' },
} as const;

const RULE_SETTINGS = {
  type: 'object',
  additionalProperties: true,
  description: 'sync-failing: { consecutiveFailedRuns?, failingForSeconds? }; rejected-rate: { threshold (0..1), windowSeconds (≥ 60), minRows (1) }; ' +
    'lag: { maxAgeSeconds?, maxQueuedRows? }',
  example: { consecutiveFailedRuns: 3, failingForSeconds: 900 },
} as const;

export class CreateAlertChannelDto {
  @ApiProperty({ example: 'ops-slack' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ALERT_CHANNEL_KINDS })
  @IsIn(ALERT_CHANNEL_KINDS)
  kind!: AlertChannelKind;

  @ApiPropertyOptional(CHANNEL_SETTINGS)
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional(CHANNEL_SECRETS)
  @IsOptional()
  @IsObject()
  secrets?: Record<string, string | null>;
}

/** Any of a channel's fields but its kind; settings given replace the stored ones. */
export class UpdateAlertChannelDto extends PartialType(OmitType(CreateAlertChannelDto, ['kind'] as const)) {}

export class CreateAlertRuleDto {
  @ApiProperty({ example: 'crm sync failing' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ALERT_RULE_KINDS })
  @IsIn(ALERT_RULE_KINDS)
  kind!: AlertRuleKind;

  @ApiProperty(RULE_SETTINGS)
  @IsObject()
  settings!: Record<string, unknown>;

  @ApiProperty({ type: [Number], description: 'Alert channels of the same subscription to notify', example: [1] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  channelIds!: number[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Any of a rule's fields but its kind; settings given replace the stored ones. */
export class UpdateAlertRuleDto extends PartialType(OmitType(CreateAlertRuleDto, ['kind'] as const)) {}
