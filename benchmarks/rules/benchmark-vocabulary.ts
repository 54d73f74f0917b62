/** Values shared by the profile and audience generators, so rules hit real data. */
export const CITIES = [
  'Oslo',
  'Bergen',
  'Trondheim',
  'Stavanger',
  'Stockholm',
  'Göteborg',
  'Malmö',
  'Copenhagen',
  'Aarhus',
  'Helsinki',
  'Berlin',
  'Hamburg',
];
export const COUNTRIES = ['NO', 'SE', 'DK', 'FI', 'DE'];
export const TIERS = ['bronze', 'silver', 'gold', 'platinum'];
export const LANGUAGES = ['nb', 'sv', 'da', 'fi', 'de', 'en'];
export const TAGS = [
  'skiing',
  'running',
  'cycling',
  'golf',
  'tennis',
  'hiking',
  'sailing',
  'fishing',
];
export const EMAIL_DOMAINS = [
  'example.com',
  'mail.no',
  'post.se',
  'corp.dk',
  'web.de',
];
export const PHONE_PREFIXES = ['+47', '+46', '+45', '+358', '+49'];
export const REGIONS = ['north', 'south', 'east', 'west', 'central'];

/** Date attributes run from 2015 to 2024; the generators stay inside it. */
export const DATE_RANGE = {
  from: Date.UTC(2015, 0, 1),
  to: Date.UTC(2024, 11, 31),
};
