import type { UseCase } from './types';

const withUnit = (n: number, unit: string) => (unit.startsWith('%') ? `${n}${unit}` : unit ? `${n} ${unit}` : String(n));

/** The outcome statement: the sentence, and the metric's move from baseline to target. */
export function OutcomeProgress({ useCase: uc }: { useCase: UseCase }) {
  const o = uc.outcome;
  return (
    <section className="panel" aria-labelledby="outcome-title">
      <h2 id="outcome-title">Outcome</h2>
      {!o ? (
        <p className="notice notice-warning">No outcome statement yet: name the metric, its baseline and target, and the control before triage.</p>
      ) : (
        <>
          <p className="outcome-sentence">{uc.outcomeSentence}</p>
          <dl className="outcome-figures">
            <div>
              <dt>Metric</dt>
              <dd>{o.metric}</dd>
            </div>
            <div>
              <dt>Baseline</dt>
              <dd className="num">{withUnit(o.baseline, o.unit)}</dd>
            </div>
            <div className="outcome-target">
              <dt>Target</dt>
              <dd className="num">{withUnit(o.target, o.unit)}</dd>
            </div>
            <div>
              <dt>Direction</dt>
              <dd>{o.direction === 'decrease' ? 'Lower is better' : 'Higher is better'}</dd>
            </div>
            <div>
              <dt>By</dt>
              <dd>{o.targetDate ?? uc.targetDate ?? 'no date set'}</dd>
            </div>
          </dl>
          <p className="muted">
            Process: {o.process}. Control: {o.control}. The current value appears here once the metric is measured.
          </p>
        </>
      )}
    </section>
  );
}
