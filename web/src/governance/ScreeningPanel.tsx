import { useQuery } from '@tanstack/react-query';
import { TierBadge } from '../portfolio/badges';
import { capitalise } from '../portfolio/vocabulary';
import { useCan } from '../session/session';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { questionnaire, screenings } from './api';
import { TierOverrideForm } from './TierOverrideForm';
import { describeTrace, isSignificant, SECTION_TITLES, traceSections } from './trace';
import type { Screening } from './types';
import { euOutcomeWords } from './vocabulary';

/** The latest screening: the tier it gave and why, step by step, the scores, the obligations found, and any override. */
export function ScreeningPanel({ useCaseId }: { useCaseId: string }) {
  const history = useQuery(screenings(useCaseId));
  const canOverride = useCan('risk:override');
  const latest = history.data?.[0];
  return (
    <section className="panel" aria-labelledby="screening-title">
      <h2 id="screening-title">Risk screening</h2>
      {history.isPending && <Loading label="Loading the screening" />}
      {history.isError && <ErrorState error={history.error} retry={() => history.refetch()} />}
      {history.isSuccess && !latest && (
        <Empty title="Not screened yet">
          <p>Without a screening the use case has no tier, so no policy pack governs it and it cannot pass triage.</p>
        </Empty>
      )}
      {latest && (
        <>
          <ScreeningSummary screening={latest} earlier={(history.data?.length ?? 1) - 1} />
          {canOverride && <TierOverrideForm useCaseId={useCaseId} tier={latest.overrides.at(-1)?.toTier ?? latest.result.tier} />}
          <ScreeningTrace screening={latest} />
        </>
      )}
    </section>
  );
}

function ScreeningSummary({ screening: s, earlier }: { screening: Screening; earlier: number }) {
  const r = s.result;
  const override = s.overrides.at(-1);
  return (
    <>
      <p className="screening-verdict">
        Screened <TierBadge tier={r.tier} /> by {s.screenedBy.name} on <time dateTime={s.screenedAt}>{formatDateTime(s.screenedAt)}</time>, governed by the{' '}
        <code>{s.policyPackVersion}</code> pack.{earlier > 0 && ` Screening ${s.number}; ${earlier} earlier ${earlier === 1 ? 'one' : 'ones'}.`}
      </p>
      {r.blocked && (
        <p className="notice notice-error">
          <strong>Blocked:</strong> an EU AI Act prohibited practice (Art. 5). The use case may not be used.
        </p>
      )}
      {override && (
        <div className="notice notice-warning">
          <p className="notice-title">
            Tier overridden from {override.fromTier} to {override.toTier} by {override.overriddenBy.name}, <time dateTime={override.overriddenAt}>{formatDateTime(override.overriddenAt)}</time>
          </p>
          <p>“{override.justification}”</p>
        </div>
      )}
      <dl className="facts screening-facts">
        <dt>EU AI Act</dt>
        <dd>
          {euOutcomeWords(r.euOutcome)}: at least <TierBadge tier={r.euFloor} />
          {r.roles.length > 0 && ` · as ${r.roles.join(', ').replace(/_/g, ' ')}`}
          {r.annexIIIAreas.length > 0 && ` · Annex III area ${r.annexIIIAreas.join(', ')}`}
          {r.highRiskBasis.length > 0 && ` · ${r.highRiskBasis.join(', ')}`}
          {r.friaDue && ' · fundamental-rights impact assessment due'}
          {r.gpai && ' · general-purpose AI model'}
        </dd>
        <dt>Impact score</dt>
        <dd>
          Raw <strong>{r.rawScore}</strong> of {r.maxRaw}; mitigation {r.mitigationScore} of {r.maxMitigation}
          {r.mitigationApplied ? ', which lowers it' : ', not enough to lower it'}; scored <strong>{r.mitigatedScore}</strong>: impact level {r.impactLevel}, <TierBadge tier={r.impactTier} />
        </dd>
        <dt>Tier</dt>
        <dd>
          <TierBadge tier={r.tier} />
          {override && (
            <>
              {' '}
              then overridden to <TierBadge tier={override.toTier} />
            </>
          )}
        </dd>
      </dl>
      <h3>Obligations found ({r.obligations.length})</h3>
      {r.obligations.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="obligations">
          {r.obligations.map((o) => (
            <li key={o.ref}>
              <strong>{o.ref}</strong> {o.title}
              <span className="cell-note">
                {o.source === 'eu-ai-act' ? 'EU AI Act' : `Impact level ${r.impactLevel}`}
                {o.because.length > 0 && `, because of ${o.because.join(', ')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ScreeningTrace({ screening }: { screening: Screening }) {
  const q = useQuery(questionnaire(screening.questionnaireVersion));
  const lines = describeTrace(screening.result.trace, q.data);
  return (
    <>
      <h3>Reasoning trace</h3>
      <p className="muted">Which answers led where. Answers that raised the stakes are marked “matters”.{q.isError && ' The questionnaire could not be read, so questions show by id.'}</p>
      {traceSections(lines).map(({ section, lines: sectionLines }) => {
        const significant = sectionLines.filter(isSignificant).length;
        const table = (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={SECTION_TITLES[section]}>
            <table className="table trace-table">
              <caption className="visually-hidden">{SECTION_TITLES[section]}</caption>
              <thead>
                <tr>
                  {section !== 'result' && <th scope="col">Question</th>}
                  {section !== 'result' && <th scope="col">Answer</th>}
                  {(section === 'impact' || section === 'mitigation') && (
                    <th scope="col" className="num">
                      Points
                    </th>
                  )}
                  <th scope="col">Where it led</th>
                </tr>
              </thead>
              <tbody>
                {sectionLines.map((l, i) => (
                  <tr key={`${l.questionId ?? 'step'}-${i}`} className={isSignificant(l) && section !== 'result' ? 'trace-significant' : undefined}>
                    {section !== 'result' && (
                      <th scope="row">
                        <code>{l.questionId}</code> {l.question}
                        {l.ref && <span className="cell-note">{l.ref}</span>}
                      </th>
                    )}
                    {section !== 'result' && <td>{l.answer ?? '—'}</td>}
                    {(section === 'impact' || section === 'mitigation') && <td className="num">{l.points ?? '—'}</td>}
                    <td>
                      {l.finding}
                      {isSignificant(l) && section !== 'result' && <span className="badge badge-warning trace-flag">matters</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
        return section === 'result' ? (
          <div key={section} className="trace-result">
            <h4>{SECTION_TITLES[section]}</h4>
            {table}
          </div>
        ) : (
          <details key={section} className="trace-section">
            <summary>
              {SECTION_TITLES[section]}: {sectionLines.length} {sectionLines.length === 1 ? 'answer' : 'answers'}
              {significant > 0 && `, ${significant} that ${significant === 1 ? 'matters' : 'matter'}`}
            </summary>
            {table}
          </details>
        );
      })}
      <p className="cell-note">Questionnaire version {screening.questionnaireVersion}. {capitalise(q.data?.eu.disclaimer ?? '')}</p>
    </>
  );
}
