import { SNAPSHOT_SETTLE_MS, snapshotWritten } from './one-time-completion';

describe('snapshotWritten', () => {
  const progress = (snapshotRows: number) => ({ snapshotRows, skippedRows: 0, completedAt: null });
  const now = 1_000_000;

  it('waits for the snapshot job to be done', () => {
    expect(snapshotWritten(undefined, progress(0), false, now)).toBe(false);
    expect(snapshotWritten({ status: 'running', emitted: 3, finishedAt: null }, progress(3), false, now)).toBe(false);
  });

  it('is complete once every emitted row was written', () => {
    expect(snapshotWritten({ status: 'done', emitted: 3, finishedAt: now }, progress(2), false, now)).toBe(false);
    expect(snapshotWritten({ status: 'done', emitted: 3, finishedAt: now }, progress(3), true, now)).toBe(true);
    expect(snapshotWritten({ status: 'done', emitted: 0, finishedAt: now }, progress(0), false, now)).toBe(true);
  });

  it('with rows missing, completes when none is queued and the job ended a while ago', () => {
    const job = { status: 'done', emitted: 3, finishedAt: now - SNAPSHOT_SETTLE_MS };
    expect(snapshotWritten(job, progress(2), true, now)).toBe(false);
    expect(snapshotWritten(job, progress(2), false, now)).toBe(true);
    expect(snapshotWritten({ ...job, finishedAt: now - 1 }, progress(2), false, now)).toBe(false);
  });
});
