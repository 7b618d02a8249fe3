import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { allUseCases } from '../portfolio/api';
import { StageBadge } from '../portfolio/badges';
import { useMe } from '../session/session';
import { Empty, ErrorState, Loading } from '../shell/states';
import { attentionReasons } from './attention';

const SHOWN = 10;

/** The use cases the signed-in person owns that are orphaned, suspended or overdue. */
export function MyUseCasesNeedingAttention() {
  const me = useMe();
  const mine = useQuery(allUseCases({ ownerId: me.user.id }));
  if (mine.isPending) return <Loading label="Loading your use cases" />;
  if (mine.isError) return <ErrorState error={mine.error} retry={() => mine.refetch()} />;

  const today = new Date().toISOString().slice(0, 10);
  const needing = mine.data.map((uc) => ({ uc, reasons: attentionReasons(uc, today) })).filter((x) => x.reasons.length);
  if (!mine.data.length) {
    return (
      <Empty title="You own no use cases yet">
        <Link to="/use-cases/new">Admit one</Link>
      </Empty>
    );
  }
  if (!needing.length) return <Empty title={`All ${mine.data.length} of your use cases are on track`} />;
  return (
    <>
      <ul className="attention-list">
        {needing.slice(0, SHOWN).map(({ uc, reasons }) => (
          <li key={uc.id}>
            <Link to="/use-cases/$useCaseId" params={{ useCaseId: uc.id }}>
              {uc.title}
            </Link>{' '}
            <StageBadge stage={uc.stage} />
            <p className="attention-reasons">{reasons.join(' · ')}</p>
          </li>
        ))}
      </ul>
      {needing.length > SHOWN && (
        <Link to="/portfolio" search={{ ownerId: me.user.id }}>
          See all {needing.length} in the portfolio
        </Link>
      )}
    </>
  );
}
