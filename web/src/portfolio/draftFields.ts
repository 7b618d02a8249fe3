import type { UseCaseDraft } from './useCaseDraft';

/** What each part of the new-use-case form is handed: the draft, a way to change it, and the problems per field. */
export interface DraftSectionProps {
  draft: UseCaseDraft;
  change: (patch: Partial<UseCaseDraft>, ...fields: string[]) => void;
  errors: Record<string, string[]>;
}
