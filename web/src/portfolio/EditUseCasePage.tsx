import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { ApiProblem } from '../api/problem';
import { useRequestSchema } from '../forms/contract';
import { ErrorState, Loading } from '../shell/states';
import { useCase, useUpdateUseCase } from './api';
import { draftOf } from './useCaseDraft';
import { UseCaseForm } from './UseCaseForm';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/edit');

/** Changes a use case, guarded by the version that was read so nobody's newer change is overwritten. */
export function EditUseCasePage() {
  const { useCaseId } = route.useParams();
  const navigate = useNavigate();
  const detail = useQuery({ ...useCase(useCaseId), staleTime: Infinity });
  const schema = useRequestSchema('PATCH', '/api/v1/use-cases/{id}');
  const update = useUpdateUseCase(useCaseId);

  if (detail.isPending) return <Loading label="Loading the use case" />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const uc = detail.data;

  return (
    <>
      <div className="page-header">
        <h1>Edit {uc.title}</h1>
        <Link to="/use-cases/$useCaseId" params={{ useCaseId }} className="button button-quiet">
          Back to the use case
        </Link>
      </div>
      <UseCaseForm
        initial={draftOf(uc)}
        schema={schema.data}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        pending={update.isPending}
        send={async (body) => {
          try {
            await update.mutateAsync({ body, version: uc.version });
          } catch (err) {
            if (err instanceof ApiProblem && err.status === 412) throw new Error('Someone changed this use case since you opened it. Reload the page to see their change, then edit again.');
            throw err;
          }
          await navigate({ to: '/use-cases/$useCaseId', params: { useCaseId } });
        }}
      />
    </>
  );
}
