import { compileRule, type CompiledRule } from '@activation/audience-rules';
import type { AudienceDefinition } from '@activation/contracts';
import { getAtPath, type Attributes } from '../profile/attribute-paths';

/** What a transition message needs to name its audience. */
export interface AudienceIdentity {
  id: string;
  number: number;
  slug: string;
  version: number;
}

/** An audience version compiled once: its predicate, what it reads, and what it projects. */
export interface CompiledAudience extends AudienceIdentity {
  definition: AudienceDefinition;
  rule: CompiledRule;
  projectedPaths: string[];
  /** Rule attribute paths and projected variables: a change there may cause NEW/MODIFIED/REMOVED. */
  watchedPaths: string[];
  eventNames: string[];
}

export function compileAudience(definition: AudienceDefinition): CompiledAudience {
  const rule = compileRule(definition.rule);
  const projectedPaths = [...new Set(definition.projectedVariables)];
  return {
    id: definition.id,
    number: definition.number,
    slug: definition.slug,
    version: definition.version,
    definition,
    rule,
    projectedPaths,
    watchedPaths: [...new Set([...rule.reads.attributePaths, ...projectedPaths])],
    eventNames: rule.reads.eventNames,
  };
}

/** The values at the audience's projected variables; a missing path projects as null. */
export function projectVariables(attributes: Attributes, paths: readonly string[]): Record<string, unknown> {
  const projected: Record<string, unknown> = {};
  for (const path of paths) {
    const value = getAtPath(attributes, path) ?? null;
    // A copy: later changes to the profile must not alter what was projected before them.
    projected[path] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
  }
  return projected;
}

export function identityOf(definition: AudienceDefinition): AudienceIdentity {
  return { id: definition.id, number: definition.number, slug: definition.slug, version: definition.version };
}
