import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useCase } from '../portfolio/api';

/** A use case by its title, linked to its forum record (decisions, funding asks, lessons); its id until the title is read. */
export function ForumUseCase({ id }: { id: string }) {
  const uc = useQuery(useCase(id));
  return (
    <Link to="/use-cases/$useCaseId/forum" params={{ useCaseId: id }}>
      {uc.data?.title ?? id}
    </Link>
  );
}
