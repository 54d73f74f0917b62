import { assertLyticsDocument } from '../testing/document-validator';
import { seed004Rows } from '../testing/seed-004-example';
import type { DocumentRow } from './document-row';
import { groupDocuments } from './group-documents';

const withProfile = (row: DocumentRow, profileId: string): DocumentRow => ({ ...row, envelope: { ...row.envelope, profileId } });

describe('groupDocuments', () => {
  it('makes one document of one evaluation that made a profile exit one audience and enter another', () => {
    const { documents, skipped } = groupDocuments(seed004Rows(), 'sub');
    expect(skipped).toEqual([]);
    expect(documents).toHaveLength(1);
    assertLyticsDocument(documents[0].document);
    expect(documents[0].document.data.segment_events.map((event) => `${event.event} ${event.slug}`)).toEqual(['exit demo_segment', 'enter another_segment']);
    expect(documents[0].rows).toHaveLength(2);
  });

  it('makes one document per profile and per evaluation, in the order they first appear', () => {
    const [exitRow, enterRow] = seed004Rows('e1');
    const [, laterEnter] = seed004Rows('e2');
    const rows = [exitRow, withProfile(enterRow, 'p2'), laterEnter, enterRow];
    const { documents } = groupDocuments(rows, 'sub');
    expect(documents.map((group) => `${group.profileId} ${group.evaluationKey} ${group.rows.length}`)).toEqual([
      'user123 e1 2', 'p2 e1 1', 'user123 e2 1',
    ]);
    documents.forEach((group) => assertLyticsDocument(group.document));
  });

  it('keeps rows without an evaluation id apart (each its own document)', () => {
    const rows = seed004Rows().map((row) => ({ ...row, envelope: { ...row.envelope, evaluationId: undefined } }));
    expect(groupDocuments(rows, 'sub').documents).toHaveLength(2);
  });

  it('lists a document that cannot be built as failed, with its rows and the reason, and builds the others', () => {
    const [exitRow, enterRow] = seed004Rows('e1');
    const broken = withProfile({ ...enterRow, values: { segment_events: 'mine' } }, 'p2');
    const { documents, failed } = groupDocuments([exitRow, broken, enterRow], 'sub');
    expect(documents.map((group) => group.profileId)).toEqual(['user123']);
    expect(documents[0].rows).toEqual([exitRow, enterRow]);
    expect(failed).toEqual([{ profileId: 'p2', evaluationKey: 'e1', rows: [broken], reason: 'the document could not be built: no user field may be named segment_events' }]);
  });

  it('sends nothing for a MODIFIED row and says which were skipped', () => {
    const [exitRow, enterRow] = seed004Rows();
    const modified: DocumentRow = { ...enterRow, callType: 'MODIFIED' };
    const { documents, skipped } = groupDocuments([exitRow, modified], 'sub');
    expect(documents).toHaveLength(1);
    expect(documents[0].document.data.segment_events).toHaveLength(1);
    expect(skipped).toEqual([modified]);
  });
});
