import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, Validate, ValidatorConstraint,
  type ValidationArguments, type ValidatorConstraintInterface,
} from 'class-validator';

export const EVENT_EXPORT_COMPRESSIONS = ['none', 'gzip', 'zip'] as const;
export type EventExportCompression = (typeof EVENT_EXPORT_COMPRESSIONS)[number];
export const EVENT_EXPORT_PERIODS = ['hourly', 'daily', 'weekly'] as const;
export type EventExportPeriod = (typeof EVENT_EXPORT_PERIODS)[number];

/** Tokens of a file-name timestamp format (`MM` month, `mm` minute) and the separators allowed between them. */
export const TIMESTAMP_FORMAT = /^(?:YYYY|MM|DD|HH|mm|ss|SSS|[-_.T])+$/;

@ValidatorConstraint({ name: 'timeZone' })
export class TimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'must be an IANA time zone name such as Europe/Berlin or UTC';
  }
}

@ValidatorConstraint({ name: 'calendarDate' })
export class CalendarDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
    const start = (args.object as EventExportDestinationSettings).startDate;
    return args.property !== 'endDate' || typeof start !== 'string' || value > start;
  }

  defaultMessage(args: ValidationArguments): string {
    return args.property === 'endDate'
      ? 'must be a date in yyyy-mm-dd format, after startDate'
      : 'must be a date in yyyy-mm-dd format';
  }
}

/** A periodic export writes one file per run: without `{TIMESTAMP}` each run would overwrite the last. */
@ValidatorConstraint({ name: 'periodicFileName' })
export class PeriodicFileNameConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const keepUpdated = (args.object as EventExportDestinationSettings).keepUpdated === true;
    return typeof value === 'string' && (!keepUpdated || value.includes('{TIMESTAMP}'));
  }

  defaultMessage(): string {
    return 'must contain {TIMESTAMP} when keepUpdated is set, so each run writes its own file';
  }
}

/**
 * A periodic export names each file by the time of its run, so the format must tell two runs
 * apart: a date (YYYY, MM, DD) for daily and weekly runs, and the hour (HH) too for hourly ones.
 * Otherwise the second run of a day (or hour) would find its file taken and fail.
 */
@ValidatorConstraint({ name: 'periodicTimestampFormat' })
export class PeriodicTimestampFormatConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const settings = args.object as EventExportDestinationSettings;
    if (settings.keepUpdated !== true || typeof value !== 'string') return true;
    return requiredTokensOf(settings.period).every((token) => value.includes(token));
  }

  defaultMessage(args: ValidationArguments): string {
    const period = (args.object as EventExportDestinationSettings).period ?? 'daily';
    return `must hold ${requiredTokensOf(period).join(', ')} for ${period} runs, so each run's file has its own name`;
  }
}

function requiredTokensOf(period: EventExportPeriod | undefined): string[] {
  return period === 'hourly' ? ['YYYY', 'MM', 'DD', 'HH'] : ['YYYY', 'MM', 'DD'];
}

/**
 * Seed 004's "Export events (Blob storage)" job: behavioral events of chosen streams (event
 * names) written as CSV files to one container, once or periodically.
 */
export class EventExportDestinationSettings {
  @Matches(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, { message: 'container must be a valid Azure Blob container name' })
  container!: string;

  /** Blob name without extension; `{TIMESTAMP}` is replaced by the time of the run, `/` makes folders. */
  @IsString()
  @Length(1, 512)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\\]+$/, { message: 'fileName must not contain control characters or backslashes' })
  @Validate(PeriodicFileNameConstraint)
  fileName!: string;

  /** Format of `{TIMESTAMP}`: YYYY MM DD HH mm ss SSS and - _ . T (default YYYYMMDD-HHmmss). */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(TIMESTAMP_FORMAT, { message: 'timestampFormat may hold only YYYY, MM, DD, HH, mm, ss, SSS and - _ . T' })
  @Validate(PeriodicTimestampFormatConstraint)
  timestampFormat?: string;

  /** Write the column names as the first row (default false). */
  @IsOptional()
  @IsBoolean()
  includeHeaders?: boolean;

  @IsOptional()
  @IsIn(EVENT_EXPORT_COMPRESSIONS)
  compression?: EventExportCompression;

  /** Event names to export; absent or empty exports every stream. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  streams?: string[];

  /** Events that occurred on or after this date (in `timeZone`). */
  @IsOptional()
  @Validate(CalendarDateConstraint)
  startDate?: string;

  /** Events that occurred before, not on, this date (in `timeZone`). */
  @IsOptional()
  @Validate(CalendarDateConstraint)
  endDate?: string;

  /** Export periodically, each file holding only the events received since the last run (default false: once). */
  @IsOptional()
  @IsBoolean()
  keepUpdated?: boolean;

  @IsOptional()
  @IsIn(EVENT_EXPORT_PERIODS)
  period?: EventExportPeriod;

  /** When daily and weekly runs start, `HH:mm` in `timeZone`; without it a run follows the previous one by a day or a week. */
  @IsOptional()
  @Matches(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { message: 'timeOfDay must be HH:mm (24-hour clock)' })
  timeOfDay?: string;

  /** IANA time zone of `timeOfDay`, the dates and `{TIMESTAMP}` (default UTC). */
  @IsOptional()
  @Validate(TimeZoneConstraint)
  timeZone?: string;
}

@ValidatorConstraint({ name: 'noSubscriptions' })
export class NoSubscriptionsConstraint implements ValidatorConstraintInterface {
  validate(): boolean {
    return false;
  }

  defaultMessage(): string {
    return 'an event-export destination takes no subscriptions: it exports the events of every profile on its own schedule';
  }
}

/** Event exports are not tied to an audience, so a subscription to one is refused rather than ignored. */
export class EventExportSubscriptionSettings {
  @Validate(NoSubscriptionsConstraint)
  subscription?: never;
}
