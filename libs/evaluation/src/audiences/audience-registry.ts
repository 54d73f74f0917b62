import type { AudienceCatalog, AudienceDefinition } from '@activation/contracts';
import type { EvaluationLogger } from '../runtime/evaluation-logger';
import { AudienceIndex } from './audience-index';
import { compileAudience, type CompiledAudience } from './compiled-audience';

/**
 * The audiences this process evaluates, compiled once per version and indexed. Rebuilt from the
 * catalog at start and whenever the catalog reports a change; readers take the current index.
 */
export class AudienceRegistry {
  private index = new AudienceIndex([]);
  private readonly compiled = new Map<string, CompiledAudience>();
  private readonly definitions = new Map<string, AudienceDefinition>();

  constructor(
    private readonly catalog: AudienceCatalog,
    private readonly logger: EvaluationLogger,
  ) {}

  current(): AudienceIndex {
    return this.index;
  }

  async load(): Promise<void> {
    this.definitions.clear();
    for (const definition of await this.catalog.list()) this.definitions.set(definition.id, definition);
    this.rebuild();
  }

  /** Applies one catalog change (current undefined = deleted) and rebuilds the index. */
  apply(audienceId: string, current: AudienceDefinition | undefined): void {
    if (current) this.definitions.set(audienceId, current);
    else this.definitions.delete(audienceId);
    this.rebuild();
  }

  definition(audienceId: string): AudienceDefinition | undefined {
    return this.definitions.get(audienceId);
  }

  private rebuild(): void {
    const active: CompiledAudience[] = [];
    const inactive: AudienceDefinition[] = [];
    for (const definition of this.definitions.values()) {
      if (definition.status !== 'active') {
        if (definition.status === 'paused') inactive.push(definition);
        continue;
      }
      const audience = this.compile(definition);
      if (audience) active.push(audience);
    }
    active.sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
    this.index = new AudienceIndex(active, inactive);
  }

  private compile(definition: AudienceDefinition): CompiledAudience | undefined {
    const key = `${definition.id}\u001f${definition.version}\u001f${definition.updatedAt}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    try {
      const audience = compileAudience(definition);
      this.compiled.set(key, audience);
      return audience;
    } catch (error) {
      this.logger.error(
        { audienceId: definition.id, version: definition.version, reason: (error as Error).message },
        'audience rule does not compile; the audience is not evaluated',
      );
      return undefined;
    }
  }
}

