import { endToEndSuite } from './end-to-end-suite';

/** `npm start` with nothing set: embedded Postgres (PGlite) and the embedded log. */
endToEndSuite('embedded', 41_000);
