import { validateRule, type RuleValidationError } from '@activation/audience-rules';
import type { DataSource } from 'typeorm';
import { compileAudience, projectVariables } from '../audiences/compiled-audience';
import type { EvaluationRepositories } from '../processing/evaluation-repositories';
import { loadWorkingStates } from '../processing/load-working-states';

export interface PreviewOptions {
  /** Compare against this audience's current members (would enter / would exit). */
  audienceId?: string;
  sampleSize?: number;
  /** Evaluation time, epoch ms (default: now). */
  now?: number;
  pageSize?: number;
}

export type AudiencePreview =
  | { valid: false; errors: RuleValidationError[] }
  | {
      valid: true;
      profilesEvaluated: number;
      matching: number;
      sample: Array<{ profileId: string; projected: Record<string, unknown> }>;
      /** Only with `audienceId`: matching now but not members, members no longer matching, members still matching. */
      comparison?: { currentMembers: number; wouldEnter: number; wouldExit: number; wouldStay: number };
    };

/**
 * Evaluates an unsaved rule over every stored profile (read-only, in pages) before the admin saves
 * it: how many would match, a sample with their projected values, and how many would enter and
 * leave compared with the audience's current members.
 */
export async function previewAudience(
  dataSource: DataSource,
  repositories: EvaluationRepositories,
  rule: unknown,
  projectedVariables: string[],
  options: PreviewOptions = {},
): Promise<AudiencePreview> {
  const validation = validateRule(rule);
  if (!validation.valid) return { valid: false, errors: validation.errors };
  // Audience ids are UUIDs, so this one matches no stored membership.
  const audienceId = options.audienceId ?? 'preview:unsaved';
  const audience = compileAudience({
    id: audienceId, number: 0, slug: 'preview', name: 'preview', version: 1, status: 'active', rule,
    projectedVariables, updatedAt: 0,
  });
  const now = options.now ?? Date.now();
  const sampleSize = options.sampleSize ?? 20;
  const pageSize = options.pageSize ?? 1_000;
  const result = { profilesEvaluated: 0, matching: 0, sample: [] as Array<{ profileId: string; projected: Record<string, unknown> }> };
  const comparison = { currentMembers: 0, wouldEnter: 0, wouldExit: 0, wouldStay: 0 };
  for (let cursor: string | null = null; ; ) {
    const profileIds = await repositories.profiles.page(dataSource, cursor, pageSize);
    if (profileIds.length === 0) break;
    cursor = profileIds[profileIds.length - 1];
    const states = await loadWorkingStates(repositories, dataSource, {
      profileIds, needEvents: audience.eventNames.length > 0 ? profileIds : [], audiences: [audience], now,
      membershipsOf: audienceId,
    });
    for (const state of states.values()) {
      result.profilesEvaluated += 1;
      const matches = audience.rule.evaluate(state, now);
      const member = state.memberships.get(audienceId)?.member ?? false;
      if (matches) {
        result.matching += 1;
        if (result.sample.length < sampleSize) {
          result.sample.push({ profileId: state.profileId, projected: projectVariables(state.attributes, audience.projectedPaths) });
        }
      }
      if (member) comparison.currentMembers += 1;
      if (matches && !member) comparison.wouldEnter += 1;
      else if (!matches && member) comparison.wouldExit += 1;
      else if (matches && member) comparison.wouldStay += 1;
    }
  }
  return { valid: true, ...result, ...(options.audienceId === undefined ? {} : { comparison }) };
}
