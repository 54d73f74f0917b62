export interface Versioned {
  updatedAt: number;
}

export interface MapChange<V> {
  id: string;
  previous?: V;
  current?: V;
}

/** One kind of cached entity, keyed by id as text; reports what each write changed. */
export class EntityMap<V extends Versioned, Extra = undefined> {
  private entries = new Map<string, { view: V; extra: Extra }>();

  get(id: string): V | undefined {
    return this.entries.get(id)?.view;
  }

  extra(id: string): Extra | undefined {
    return this.entries.get(id)?.extra;
  }

  values(): V[] {
    return [...this.entries.values()].map((entry) => entry.view);
  }

  set(id: string, entry: { view: V; extra: Extra } | undefined): MapChange<V> {
    const previous = this.entries.get(id)?.view;
    if (entry) this.entries.set(id, entry);
    else this.entries.delete(id);
    return { id, previous, current: entry?.view };
  }

  /** Replaces everything; returns the entities that appeared, disappeared or have another `updatedAt`. */
  replace(next: Map<string, { view: V; extra: Extra }>): MapChange<V>[] {
    const changes: MapChange<V>[] = [];
    for (const [id, entry] of next) {
      const previous = this.entries.get(id)?.view;
      if (previous?.updatedAt !== entry.view.updatedAt) changes.push({ id, previous, current: entry.view });
    }
    for (const [id, entry] of this.entries) if (!next.has(id)) changes.push({ id, previous: entry.view });
    this.entries = next;
    return changes;
  }
}
