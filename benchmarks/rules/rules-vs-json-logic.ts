/**
 * Compiled audience rules against json-logic-js on the same attribute-only audiences and profiles.
 * First proves both agree on every (audience, profile) pair, then times them.
 *
 *   node -r @swc-node/register benchmarks/rules/rules-vs-json-logic.ts [profiles] [rounds]
 */
import {
  compileRule,
  type CompiledRule,
  type Profile,
} from '@activation/audience-rules';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { generateAudiences } from './generate-audiences';
import { generateProfiles } from './generate-profiles';
import { toJsonLogic } from './to-json-logic';

const AUDIENCE_COUNT = 100;
const PROFILE_COUNT = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const WARM_UP_ROUNDS = 2;
const NOW = Date.UTC(2025, 0, 1);

type Evaluator = (audience: number, profile: Profile) => boolean;

function checkAgreement(
  compiled: CompiledRule[],
  logic: RulesLogic[],
  profiles: Profile[],
): number {
  let disagreements = 0;
  let matches = 0;
  let mixedAudiences = 0;
  for (let audience = 0; audience < compiled.length; audience += 1) {
    const matchesBefore = matches;
    for (const profile of profiles) {
      const ours = compiled[audience].evaluate(profile, NOW);
      const theirs = Boolean(
        jsonLogic.apply(logic[audience], profile.attributes),
      );
      if (ours) matches += 1;
      if (ours !== theirs && disagreements++ < 20) {
        console.error(
          `DISAGREE audience ${audience}: compiled=${ours} json-logic=${theirs}`,
        );
        console.error(`  rule:    ${JSON.stringify(logic[audience])}`);
        console.error(`  profile: ${JSON.stringify(profile.attributes)}`);
      }
    }
    const share = (matches - matchesBefore) / profiles.length;
    if (share >= 0.01 && share <= 0.99) mixedAudiences += 1;
  }
  if (disagreements > 0) {
    console.error(`${disagreements} disagreements; not timing.`);
    process.exit(1);
  }
  // Audiences that (almost) everyone or no one joins would prove little about agreement.
  console.log(
    `audiences with between 1% and 99% members: ${mixedAudiences} of ${compiled.length}`,
  );
  return matches;
}

type LoopOrder = 'per profile' | 'per audience';

/**
 * One round evaluates every audience on every profile; returns evaluations per second.
 * 'per profile' runs all audiences for one profile before the next, as when a profile changes;
 * 'per audience' runs one audience over all profiles, as when an audience is backfilled.
 */
function timeRound(
  evaluate: Evaluator,
  profiles: Profile[],
  order: LoopOrder,
): { rate: number; matches: number } {
  let matches = 0;
  const started = process.hrtime.bigint();
  if (order === 'per profile') {
    for (let index = 0; index < profiles.length; index += 1) {
      for (let audience = 0; audience < AUDIENCE_COUNT; audience += 1) {
        if (evaluate(audience, profiles[index])) matches += 1;
      }
    }
  } else {
    for (let audience = 0; audience < AUDIENCE_COUNT; audience += 1) {
      for (let index = 0; index < profiles.length; index += 1) {
        if (evaluate(audience, profiles[index])) matches += 1;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: (AUDIENCE_COUNT * profiles.length) / seconds, matches };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function formatRate(rate: number): string {
  return `${(rate / 1e6).toFixed(2)}M`;
}

function main(): void {
  const profiles = generateProfiles(PROFILE_COUNT, 42);
  const audiences = generateAudiences(
    AUDIENCE_COUNT,
    20_240_615,
    profiles.slice(0, 500),
  );
  const compiled = audiences.map((rule) => compileRule(rule));
  const logic = audiences.map(toJsonLogic);

  const matches = checkAgreement(compiled, logic, profiles);
  const pairs = AUDIENCE_COUNT * profiles.length;
  console.log(
    `agreement: ${pairs} (audience, profile) pairs agree; ${((100 * matches) / pairs).toFixed(1)}% are members`,
  );

  const evaluators: Record<string, Evaluator> = {
    compiled: (audience, profile) => compiled[audience].evaluate(profile, NOW),
    'json-logic-js': (audience, profile) =>
      Boolean(jsonLogic.apply(logic[audience], profile.attributes)),
  };
  const names = Object.keys(evaluators);
  console.log(
    `data: ${AUDIENCE_COUNT} audiences x ${profiles.length} profiles, ${ROUNDS} timed rounds after warm-up`,
  );
  for (const order of ['per profile', 'per audience'] as const) {
    const rates: Record<string, number[]> = Object.fromEntries(
      names.map((name) => [name, []]),
    );
    // Rounds alternate between the evaluators so that machine noise hits both alike.
    for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round += 1) {
      for (const name of names) {
        const { rate, matches: roundMatches } = timeRound(
          evaluators[name],
          profiles,
          order,
        );
        if (roundMatches !== matches) {
          throw new Error(`${name} changed its answers between rounds`);
        }
        if (round >= 0) rates[name].push(rate);
      }
    }
    console.log(`loop order: ${order}`);
    for (const name of names) {
      const rounds = rates[name].map(formatRate).join(', ');
      console.log(
        `  ${name.padEnd(14)} median ${formatRate(median(rates[name]))} evaluations/s (rounds: ${rounds})`,
      );
    }
    const ratio = median(rates['compiled']) / median(rates['json-logic-js']);
    console.log(`  ratio: compiled is ${ratio.toFixed(1)}x json-logic-js`);
  }
}

main();
