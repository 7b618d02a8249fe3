import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useCase } from '../portfolio/api';

/** A use case by its title, linked to it; its id until the title has been read. */
export function UseCaseTitle({ id }: { id: string }) {
  const uc = useQuery(useCase(id));
  return (
    <Link to="/use-cases/$useCaseId" params={{ useCaseId: id }}>
      {uc.data?.title ?? id}
    </Link>
  );
}
