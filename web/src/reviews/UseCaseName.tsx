import { useQuery } from '@tanstack/react-query';
import { useCase } from '../portfolio/api';

/** A use case's title, read once and shared from the cache; its id until then. */
export function UseCaseName({ id }: { id: string }) {
  const uc = useQuery({ ...useCase(id), staleTime: 60_000 });
  return <>{uc.data?.title ?? id}</>;
}
