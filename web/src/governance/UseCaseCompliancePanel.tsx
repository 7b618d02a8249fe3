import { useQuery } from '@tanstack/react-query';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useCaseCompliance } from './api';
import { Coverage } from './CompliancePanel';

/** The use case's posture per framework: NIST AI RMF functions, EU AI Act obligations met and open, ISO/IEC 42001, and by stage. */
export function UseCaseCompliancePanel({ useCaseId, screened }: { useCaseId: string; screened: boolean }) {
  const posture = useQuery({ ...useCaseCompliance(useCaseId), enabled: screened });
  const open = posture.data?.euAiAct.obligations.filter((o) => o.status === 'open') ?? [];
  return (
    <section className="panel" aria-labelledby="uc-compliance-title">
      <h2 id="uc-compliance-title">Compliance posture</h2>
      {!screened && <Empty title="No posture yet">Screen the use case: its tier's pack names the controls it is measured against.</Empty>}
      {screened && posture.isPending && <Loading label="Loading the compliance posture" />}
      {posture.isError && <ErrorState error={posture.error} retry={() => posture.refetch()} />}
      {posture.isSuccess && (
        <div className="framework-cards">
          <div className="framework-card">
            <h3>NIST AI RMF</h3>
            <Coverage met={posture.data.nist.met} required={posture.data.nist.required} label="controls met" />
            <ul className="plain-list function-list">
              {posture.data.nist.functions.map((f) => (
                <li key={f.function}>
                  <Coverage met={f.met} required={f.required} label={f.function} />
                </li>
              ))}
            </ul>
          </div>
          <div className="framework-card">
            <h3>EU AI Act</h3>
            <Coverage met={posture.data.euAiAct.met} required={posture.data.euAiAct.required} label="obligations met" />
            {open.length > 0 ? (
              <details className="open-obligations">
                <summary>{open.length} open</summary>
                <ul className="plain-list">
                  {open.map((o) => (
                    <li key={o.ref}>
                      <strong>{o.ref}</strong> {o.title}
                      {o.coveredBy !== o.ref && <span className="cell-note">met through {o.coveredBy}</span>}
                    </li>
                  ))}
                </ul>
              </details>
            ) : (
              <p className="muted">None open.</p>
            )}
          </div>
          <div className="framework-card">
            <h3>ISO/IEC 42001</h3>
            <Coverage met={posture.data.iso42001.met} required={posture.data.iso42001.required} label="Annex A controls met" />
            <h4>By stage</h4>
            <ul className="plain-list function-list">
              {posture.data.stages.map((s) => (
                <li key={s.stage}>
                  <Coverage met={s.met} required={s.required} label={`before ${s.stage}`} />
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
