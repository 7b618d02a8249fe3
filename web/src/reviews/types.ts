export const REVIEW_STATUSES = ['pending', 'approved', 'edited', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A held or sampled answer waiting for (or given) a person's decision. */
export interface ReviewItem {
  id: string;
  useCaseId: string;
  eventId: string;
  mode: 'hold' | 'sample';
  status: ReviewStatus;
  reasons: string[];
  dataClasses: string[];
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  /** The messages as the model saw them (after redaction); null once purged. */
  request: unknown;
  answer: string | null;
  finalAnswer: string | null;
}

export type ReviewAction = 'approve' | 'edit' | 'reject';
