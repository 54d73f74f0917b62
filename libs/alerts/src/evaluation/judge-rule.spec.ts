import { judgeRule } from './judge-rule';
import type { SubscriptionFacts } from './subscription-facts';

const NOW = 1_800_000_000_000;
const facts = (overrides: Partial<SubscriptionFacts>): SubscriptionFacts => ({
  recentRuns: [], failingSince: null, queuedRows: 0, oldestQueuedAt: null, ...overrides,
});

describe('judgeRule', () => {
  describe('sync-failing', () => {
    it('fires after N finished runs in a row delivered nothing', () => {
      const runs = [{ runId: 5, delivered: 0 }, { runId: 4, delivered: 0 }, { runId: 3, delivered: 0 }];
      expect(judgeRule('sync-failing', { consecutiveFailedRuns: 3 }, facts({ recentRuns: runs }), NOW)).toMatchObject({ breached: true });
      expect(judgeRule('sync-failing', { consecutiveFailedRuns: 4 }, facts({ recentRuns: runs }), NOW).breached).toBe(false);
    });

    it('counts only the newest streak: a run that delivered breaks it', () => {
      const runs = [{ runId: 5, delivered: 0 }, { runId: 4, delivered: 2 }, { runId: 3, delivered: 0 }];
      expect(judgeRule('sync-failing', { consecutiveFailedRuns: 2 }, facts({ recentRuns: runs }), NOW).breached).toBe(false);
    });

    it('fires once the subscription has been failing for longer than the limit', () => {
      expect(judgeRule('sync-failing', { failingForSeconds: 600 }, facts({ failingSince: NOW - 601_000 }), NOW)).toMatchObject({
        breached: true, summary: expect.stringContaining('every call has failed for 601 s'),
      });
      expect(judgeRule('sync-failing', { failingForSeconds: 600 }, facts({ failingSince: NOW - 599_000 }), NOW).breached).toBe(false);
      expect(judgeRule('sync-failing', { failingForSeconds: 600 }, facts({ failingSince: null }), NOW).breached).toBe(false);
    });
  });

  describe('rejected-rate', () => {
    const settings = { threshold: 0.1, windowSeconds: 300, minRows: 10 };

    it('fires above the threshold', () => {
      expect(judgeRule('rejected-rate', settings, facts({ window: { rows: 100, rejected: 11 } }), NOW)).toMatchObject({
        breached: true, summary: expect.stringContaining('11 of 100 rows rejected'),
      });
      expect(judgeRule('rejected-rate', settings, facts({ window: { rows: 100, rejected: 10 } }), NOW).breached).toBe(false);
    });

    it('stays quiet below the minimum row count', () => {
      expect(judgeRule('rejected-rate', settings, facts({ window: { rows: 9, rejected: 9 } }), NOW).breached).toBe(false);
    });
  });

  describe('lag', () => {
    it('fires on the age of the oldest undelivered row', () => {
      expect(judgeRule('lag', { maxAgeSeconds: 60 }, facts({ queuedRows: 1, oldestQueuedAt: NOW - 61_000 }), NOW).breached).toBe(true);
      expect(judgeRule('lag', { maxAgeSeconds: 60 }, facts({ queuedRows: 1, oldestQueuedAt: NOW - 59_000 }), NOW).breached).toBe(false);
    });

    it('fires on the number of queued rows', () => {
      expect(judgeRule('lag', { maxQueuedRows: 100 }, facts({ queuedRows: 101, oldestQueuedAt: NOW }), NOW)).toMatchObject({
        breached: true, summary: expect.stringContaining('101 rows are queued'),
      });
      expect(judgeRule('lag', { maxQueuedRows: 100 }, facts({ queuedRows: 100, oldestQueuedAt: NOW }), NOW).breached).toBe(false);
    });
  });
});
