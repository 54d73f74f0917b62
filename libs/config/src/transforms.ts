import { Transform } from 'class-transformer';

/** Environment values are strings; these turn them into the types the settings declare. */
export const ToInt = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value));

export const ToBoolean = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    if (/^(true|1|yes)$/i.test(value)) return true;
    if (/^(false|0|no)$/i.test(value)) return false;
    return value;
  });

export const ToList = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value,
  );
