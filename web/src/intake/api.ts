import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/http';
import type { Screening } from '../governance/types';
import type { UseCase } from '../portfolio/types';
import type { Stage, Tier } from '../portfolio/vocabulary';

/** What the tier demands from here on, as `POST /api/v1/intake` answers it. */
export interface NextSteps {
  tier: Tier;
  policyPackVersion: string;
  blocked: boolean;
  forbiddenStages: Stage[];
  approvals: { from: Stage; to: Stage; roles: string[]; dueDays: number }[];
  readiness: { item: string; before: Stage; minimum: number; met: boolean }[];
  controls: { stage: string; controls: number }[];
  exceptions: { maxDays: number; approverRoles: string[] };
  steps: string[];
}

export interface IntakeResult {
  useCase: UseCase;
  screening: Screening;
  next: NextSteps;
}

/** One submission creates the use case in intake, screens it and queues it; a 400 lists every field problem. */
export function useSubmitIntake() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<IntakeResult>('POST', '/api/v1/intake', { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['use-cases'] }),
  });
}
