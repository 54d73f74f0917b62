import { Transform } from 'class-transformer';

/** `?enabled=true|false` → boolean; anything else stays as is and fails @IsBoolean. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
