import type { Profile } from '@activation/audience-rules';
import {
  CITIES,
  COUNTRIES,
  DATE_RANGE,
  EMAIL_DOMAINS,
  LANGUAGES,
  PHONE_PREFIXES,
  REGIONS,
  TAGS,
  TIERS,
} from './benchmark-vocabulary';
import { SeededRandom } from './seeded-random';

function isoBetween(random: SeededRandom, from: number, to: number): string {
  return new Date(from + Math.floor(random.next() * (to - from))).toISOString();
}

/** Leaves a value out, nulls it or swaps its type now and then, so mismatch paths get exercised. */
function sometimes<T>(
  random: SeededRandom,
  value: T,
  oddValue: unknown,
): T | unknown {
  const roll = random.next();
  if (roll < 0.04) return undefined;
  if (roll < 0.06) return null;
  if (roll < 0.09) return oddValue;
  return value;
}

function withoutUndefined(
  record: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  );
}

function generateAttributes(
  random: SeededRandom,
  index: number,
): Record<string, unknown> {
  const city = random.pick(CITIES);
  const age = random.integer(13, 90);
  return withoutUndefined({
    id: `profile-${index}`,
    age: sometimes(random, age, String(age)),
    city: sometimes(random, city, 42),
    country: random.pick(COUNTRIES),
    tier: sometimes(random, random.pick(TIERS), ['gold']),
    language: random.pick(LANGUAGES),
    score: sometimes(random, Math.round(random.next() * 100_000) / 100, true),
    email: sometimes(
      random,
      `user${index}@${random.pick(EMAIL_DOMAINS)}`,
      12345,
    ),
    phone: sometimes(
      random,
      `${random.pick(PHONE_PREFIXES)}${random.integer(10_000_000, 99_999_999)}`,
      null,
    ),
    vip: sometimes(random, random.chance(0.2), 'true'),
    optOut: sometimes(random, random.chance(0.1), 0),
    tags: sometimes(
      random,
      random.sample(TAGS, random.integer(0, 4)),
      'skiing',
    ),
    signedUpAt: sometimes(
      random,
      isoBetween(random, DATE_RANGE.from, DATE_RANGE.to),
      ['2020-01-01'],
    ),
    address: withoutUndefined({
      city: sometimes(random, city, null),
      postcode: String(random.integer(100, 9999)).padStart(4, '0'),
      geo: { region: sometimes(random, random.pick(REGIONS), 7) },
    }),
    stats: withoutUndefined({
      orders: sometimes(random, random.integer(0, 60), '12'),
      lifetimeValue: sometimes(
        random,
        Math.round(random.next() * 5_000_000) / 100,
        null,
      ),
      lastOrderAt: sometimes(
        random,
        isoBetween(random, DATE_RANGE.from, DATE_RANGE.to),
        false,
      ),
    }),
  });
}

export function generateProfiles(count: number, seed: number): Profile[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    attributes: generateAttributes(random, index),
  }));
}
