/**
 * The demo's customers: every other one is on the gold tier. Ids and the `demoRun` attribute carry
 * the run's id, so a demo pointed at a platform with other data (or run twice) sees only its own.
 */
export class SampleData {
  constructor(
    readonly run: string,
    readonly profiles: number,
  ) {}

  profileId(index: number): string {
    return `demo-${this.run}-${String(index).padStart(5, '0')}`;
  }

  get newcomerId(): string {
    return `demo-${this.run}-newcomer`;
  }

  isGold(index: number): boolean {
    return index % 2 === 0;
  }

  get goldCount(): number {
    return Math.ceil(this.profiles / 2);
  }

  /** Who changes in the live part: two gold members and a silver customer. */
  readonly cast = { emailChanger: 0, downgraded: 2, buyer: 1 } as const;

  existingProfile(index: number): Record<string, unknown> {
    return {
      id: `${this.profileId(index)}-created`,
      profileId: this.profileId(index),
      set: { demoRun: this.run, tier: this.isGold(index) ? 'gold' : 'silver', email: `customer-${index}@example.com`, name: `Customer ${index}` },
    };
  }

  /** Gold-tier customers, and anyone who bought at least twice in the last 30 days. */
  get audienceRule(): Record<string, unknown> {
    return {
      all: [
        { attribute: 'demoRun', operator: 'equals', value: this.run },
        {
          any: [
            { attribute: 'tier', operator: 'equals', value: 'gold' },
            { event: 'purchase', count: { atLeast: 2 }, withinLastDays: 30 },
          ],
        },
      ],
    };
  }

  /** Matches every stored profile of this run: how the demo knows they are all in. */
  get everyProfileRule(): Record<string, unknown> {
    return { attribute: 'demoRun', operator: 'equals', value: this.run };
  }
}
