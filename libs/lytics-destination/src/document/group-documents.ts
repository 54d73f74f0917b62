import { buildDocument } from './build-document';
import { evaluationKey, segmentEventKind, type DocumentRow } from './document-row';
import type { LyticsDocument } from './lytics-document';

export interface GroupedDocument<Row extends DocumentRow> {
  profileId: string;
  evaluationKey: string;
  document: LyticsDocument;
  /** The rows the document was built from. */
  rows: Row[];
}

/** Rows whose document could not be built; only they fail. */
export interface FailedDocument<Row extends DocumentRow> {
  profileId: string;
  evaluationKey: string;
  reason: string;
  rows: Row[];
}

export interface GroupedRows<Row extends DocumentRow> {
  documents: Array<GroupedDocument<Row>>;
  failed: Array<FailedDocument<Row>>;
  /** Rows that are no enter or exit (MODIFIED): nothing is sent for them. */
  skipped: Row[];
}

/**
 * One document per (profile, evaluation), in the order each pair first appears. A document that
 * cannot be built is listed in `failed` with the reason; the others are unaffected.
 */
export function groupDocuments<Row extends DocumentRow>(rows: readonly Row[], subscriptionId: string): GroupedRows<Row> {
  const groups = new Map<string, { profileId: string; evaluationKey: string; rows: Row[] }>();
  const skipped: Row[] = [];
  for (const row of rows) {
    if (!segmentEventKind(row.callType)) {
      skipped.push(row);
      continue;
    }
    const key = evaluationKey(row);
    const id = `${row.envelope.profileId}\u001f${key}`;
    const group = groups.get(id);
    if (group) group.rows.push(row);
    else groups.set(id, { profileId: row.envelope.profileId, evaluationKey: key, rows: [row] });
  }
  const grouped: GroupedRows<Row> = { documents: [], failed: [], skipped };
  for (const group of groups.values()) {
    try {
      grouped.documents.push({ ...group, document: buildDocument(group.rows, subscriptionId) });
    } catch (error) {
      grouped.failed.push({ ...group, reason: `the document could not be built: ${(error as Error).message}` });
    }
  }
  return grouped;
}
