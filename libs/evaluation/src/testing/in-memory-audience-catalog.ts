import type { AudienceCatalog, AudienceChange, AudienceDefinition } from '@activation/contracts';

/**
 * An AudienceCatalog held in memory, for tests and fixtures: `put` and `remove` behave like the
 * configuration cache reloading a changed audience (listeners get previous and current).
 */
export class InMemoryAudienceCatalog implements AudienceCatalog {
  private readonly audiences = new Map<string, AudienceDefinition>();
  private readonly listeners = new Set<(change: AudienceChange) => void | Promise<void>>();

  constructor(initial: AudienceDefinition[] = []) {
    for (const audience of initial) this.audiences.set(audience.id, structuredClone(audience));
  }

  async list(): Promise<AudienceDefinition[]> {
    return [...this.audiences.values()].map((audience) => structuredClone(audience));
  }

  async get(id: string): Promise<AudienceDefinition | undefined> {
    const audience = this.audiences.get(id);
    return audience && structuredClone(audience);
  }

  onChange(listener: (change: AudienceChange) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Creates or replaces an audience and waits until every listener handled the change. */
  async put(audience: AudienceDefinition): Promise<void> {
    const previous = this.audiences.get(audience.id);
    this.audiences.set(audience.id, structuredClone(audience));
    await this.notify({ audienceId: audience.id, previous, current: structuredClone(audience) });
  }

  async remove(id: string): Promise<void> {
    const previous = this.audiences.get(id);
    this.audiences.delete(id);
    await this.notify({ audienceId: id, previous, current: undefined });
  }

  private async notify(change: AudienceChange): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(change)));
  }
}

/** A definition with test defaults; `rule` and `projectedVariables` are what matter. */
export function audienceDefinition(
  overrides: Partial<AudienceDefinition> & Pick<AudienceDefinition, 'id' | 'rule'>,
): AudienceDefinition {
  return {
    number: 1,
    slug: overrides.id,
    name: overrides.id,
    version: 1,
    status: 'active',
    projectedVariables: [],
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}
