/** A delivery row about to be written: its queue id, its encoded line, and whether it is a snapshot row. */
export interface PendingRow {
  deliveryRowId: string;
  line: Buffer;
  snapshot: boolean;
}
