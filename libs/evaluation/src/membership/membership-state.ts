/** The stored membership of one profile in one audience (a row of `memberships`). */
export interface MembershipState {
  audienceId: string;
  member: boolean;
  membershipVersion: number;
  audienceVersion: number;
  projected: Record<string, unknown>;
  enteredAt: number | null;
  exitedAt: number | null;
}
