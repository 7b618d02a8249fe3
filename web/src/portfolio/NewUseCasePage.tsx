import { useNavigate } from '@tanstack/react-router';
import { useRequestSchema } from '../forms/contract';
import { useMe } from '../session/session';
import { useCreateUseCase } from './api';
import { emptyDraft } from './useCaseDraft';
import { UseCaseForm } from './UseCaseForm';

/** Admits a use case into intake: the basis the step-by-step intake builds on. */
export function NewUseCasePage() {
  const me = useMe();
  const navigate = useNavigate();
  const schema = useRequestSchema('POST', '/api/v1/use-cases');
  const create = useCreateUseCase();

  return (
    <>
      <div className="page-header">
        <h1>New use case</h1>
      </div>
      <p className="muted">A use case enters the portfolio in intake with a measurable outcome, a value stream and a business owner.</p>
      <UseCaseForm
        initial={emptyDraft(me.user.id)}
        schema={schema.data}
        submitLabel="Admit use case"
        pendingLabel="Admitting…"
        pending={create.isPending}
        send={async (body) => {
          const uc = await create.mutateAsync(body);
          await navigate({ to: '/use-cases/$useCaseId', params: { useCaseId: uc.id } });
        }}
      />
    </>
  );
}
