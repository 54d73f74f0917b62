import type { AudienceDefinition } from '@activation/contracts';
import { firstSegment, pathsOverlap } from '../profile/attribute-paths';
import type { AudienceIdentity, CompiledAudience } from './compiled-audience';

interface PathEntry {
  path: string;
  audience: CompiledAudience;
}

/**
 * Routes a change to the audiences it may affect: attribute paths (rule reads and projected
 * variables, nested either way) and event names. Only active audiences are evaluated; paused ones
 * are kept so a deleted profile can still leave them.
 */
export class AudienceIndex {
  readonly active: CompiledAudience[];
  private readonly byId = new Map<string, CompiledAudience>();
  private readonly known = new Map<string, AudienceDefinition>();
  private readonly pathsBySegment = new Map<string, PathEntry[]>();
  private readonly byEvent = new Map<string, CompiledAudience[]>();
  /** Every event name some active audience reads. */
  readonly eventNames: string[];

  constructor(audiences: CompiledAudience[], inactive: AudienceDefinition[] = []) {
    this.active = audiences;
    for (const definition of inactive) this.known.set(definition.id, definition);
    for (const audience of audiences) {
      this.byId.set(audience.id, audience);
      this.known.set(audience.id, audience.definition);
      for (const path of audience.watchedPaths) {
        const segment = firstSegment(path);
        const entries = this.pathsBySegment.get(segment) ?? [];
        entries.push({ path, audience });
        this.pathsBySegment.set(segment, entries);
      }
      for (const name of audience.eventNames) {
        const list = this.byEvent.get(name) ?? [];
        list.push(audience);
        this.byEvent.set(name, list);
      }
    }
    this.eventNames = [...this.byEvent.keys()].sort();
  }

  get(id: string): CompiledAudience | undefined {
    return this.byId.get(id);
  }

  /** Any audience the catalog knows (active or paused), for naming it in a REMOVED message. */
  identity(id: string): AudienceIdentity | undefined {
    const definition = this.known.get(id);
    return definition && { id, number: definition.number, slug: definition.slug, version: definition.version };
  }

  affectedByPaths(paths: readonly string[], into: Set<CompiledAudience>): void {
    for (const changed of paths) {
      for (const entry of this.pathsBySegment.get(firstSegment(changed)) ?? []) {
        if (pathsOverlap(changed, entry.path)) into.add(entry.audience);
      }
    }
  }

  affectedByEvent(name: string): readonly CompiledAudience[] {
    return this.byEvent.get(name) ?? [];
  }

  /** Events older than this cannot affect any of `audiences` at `now`; null when none reads events. */
  static historyStart(audiences: Iterable<CompiledAudience>, now: number): number | null {
    let start: number | null = null;
    for (const audience of audiences) {
      const own = audience.rule.eventHistoryStart(now);
      if (own !== null) start = start === null ? own : Math.min(start, own);
    }
    return start;
  }
}
