/** A validated profile change, before it gets its event id, receipt time and source. */
export interface ChangeDraft {
  kind: 'profile-change';
  senderId?: string;
  profileId: string;
  set?: Record<string, unknown>;
  unset?: string[];
  identifiers?: Record<string, string[]>;
  deleted?: boolean;
  /** Epoch milliseconds; absent means "when received". */
  changedAt?: number;
}

/** A validated behavioral event, before it gets its event id, receipt time and source. */
export interface EventDraft {
  kind: 'event';
  senderId?: string;
  profileId: string;
  name: string;
  occurredAt?: number;
  properties?: Record<string, unknown>;
}

export type InputDraft = ChangeDraft | EventDraft;
export type InputKind = InputDraft['kind'];
