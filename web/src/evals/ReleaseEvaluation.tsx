import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusal } from '../forms/Refusal';
import type { Release, Slot } from '../releases/types';
import { useCan } from '../session/session';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { releaseGateDecisions, releaseRuns, releaseSignOffs, useDecideGate, useStartRedTeam } from './api';
import { EarlierDecisions, GateDecisionView } from './GateDecisionView';
import { OfflineScoringForm } from './OfflineScoringForm';
import { RunsTable, type PickedRun } from './RunsTable';
import { SignOffForm, SignOffList } from './SignOffs';
import { StartEvaluation } from './StartEvaluation';

/** Where a release runs now, in words: "active in production", "canary in pilot (10 %)". */
function placement(releaseId: string, slots: Slot[]): string[] {
  return slots.flatMap((s) => [
    ...(s.activeReleaseId === releaseId ? [`active in ${s.environment}`] : []),
    ...(s.canaryReleaseId === releaseId ? [`canary in ${s.environment} (${Math.round(s.canaryWeight * 100)} %)`] : []),
  ]);
}

/** One release's evidence: its latest gate decision, its runs, its sign-offs, and the actions the person may take. */
export function ReleaseEvaluation({ release, slots, picked, onPick }: { release: Release; slots: Slot[]; picked: string[]; onPick: (run: PickedRun) => void }) {
  const decisions = useQuery(releaseGateDecisions(release.id));
  const runs = useQuery(releaseRuns(release.id));
  const signOffs = useQuery(releaseSignOffs(release.id));
  const canRun = useCan('eval:run');
  const canDecide = useCan('gate:evaluate');
  const decide = useDecideGate(release.id);
  const redTeam = useStartRedTeam(release.id);
  const [evaluating, setEvaluating] = useState(false);
  const [scoring, setScoring] = useState(false);
  const [said, setSaid] = useState<{ text: string; tone: 'success' | 'warning' }>();
  const where = placement(release.id, slots);
  const h = (part: string) => `release-${release.id}-${part}`;
  const latest = decisions.data?.[0];

  return (
    <section className="panel release-evaluation" aria-labelledby={h('title')}>
      <div className="panel-head">
        <div>
          <h2 id={h('title')}>{release.name}</h2>
          <p className="cell-note">
            Release <code>{release.id}</code>, created {formatDate(release.createdAt)}
            {where.length ? `; ${where.join(', ')}` : '; not active anywhere'}
          </p>
        </div>
        {(canDecide || canRun) && (
          <div className="button-row">
            {canDecide && (
              <button
                type="button"
                className="button button-primary"
                disabled={decide.isPending}
                onClick={() => {
                  setSaid(undefined);
                  decide.mutate(undefined, {
                    onSuccess: (d) =>
                      setSaid(
                        d.passed
                          ? { text: 'The gate passed: every criterion holds.', tone: 'success' }
                          : { text: `The gate did not pass: ${d.counts.fail} failed, ${d.counts.missing} missing evidence.`, tone: 'warning' },
                      ),
                  });
                }}
              >
                {decide.isPending ? 'Deciding…' : 'Decide the gate'}
              </button>
            )}
            {canRun && (
              <>
                <button
                  type="button"
                  className="button"
                  disabled={redTeam.isPending}
                  onClick={() => {
                    setSaid(undefined);
                    redTeam.mutate({ includeDefaultSuite: true, concurrency: 8, maxAttempts: 2 }, { onSuccess: (r) => setSaid({ text: `Red-team run ${r.id} started; its progress shows below.`, tone: 'success' }) });
                  }}
                >
                  {redTeam.isPending ? 'Starting…' : 'Start a red-team run'}
                </button>
                <button type="button" className="button" aria-expanded={evaluating} aria-controls={h('evaluate')} onClick={() => setEvaluating((v) => !v)}>
                  Evaluate on a dataset
                </button>
                <button type="button" className="button" aria-expanded={scoring} aria-controls={h('score')} onClick={() => setScoring((v) => !v)}>
                  Score predictions made elsewhere
                </button>
              </>
            )}
          </div>
        )}
      </div>
      <div aria-live="polite">
        {said && (
          <p className={`notice notice-${said.tone}`} role="status">
            {said.text}
          </p>
        )}
      </div>
      {decide.error && <Refusal error={decide.error} title="The gate was not decided" />}
      {redTeam.error && <Refusal error={redTeam.error} title="The red-team run did not start" />}
      {evaluating && (
        <div id={h('evaluate')} className="form-section">
          <StartEvaluation useCaseId={release.useCaseId} releaseId={release.id} />
        </div>
      )}
      {scoring && (
        <div id={h('score')} className="form-section">
          <h3>Score predictions made elsewhere</h3>
          <p className="cell-note">An offline run: the predictions are scored against the dataset version at once, without calling the release.</p>
          <OfflineScoringForm useCaseId={release.useCaseId} releaseId={release.id} />
        </div>
      )}

      <h3 id={h('gate')}>Release gate</h3>
      {decisions.isPending && <Loading label="Loading the gate decisions" />}
      {decisions.isError && <ErrorState error={decisions.error} retry={() => decisions.refetch()} />}
      {decisions.isSuccess && !latest && (
        <Empty title="The gate has not been decided">
          <p>{canDecide ? 'Gather the evidence below, then decide the gate.' : 'A builder or risk reviewer decides the gate once the evidence is in.'}</p>
        </Empty>
      )}
      {latest && <GateDecisionView decision={latest} earlier={(decisions.data?.length ?? 1) - 1} label={`Criteria of the latest gate decision on ${release.name}`} />}
      {decisions.data && decisions.data.length > 1 && <EarlierDecisions decisions={decisions.data.slice(1)} />}

      <h3 id={h('runs')}>Runs</h3>
      {runs.isPending && <Loading label="Loading the runs" />}
      {runs.isError && <ErrorState error={runs.error} retry={() => runs.refetch()} />}
      {runs.isSuccess && !runs.data.length && (
        <Empty title="No runs yet">
          <p>{canRun ? 'Evaluate the release on a dataset, or start a red-team run.' : 'A builder or risk reviewer runs the evaluations.'}</p>
        </Empty>
      )}
      {runs.isSuccess && runs.data.length > 0 && <RunsTable runs={runs.data} releaseId={release.id} label={`Runs of ${release.name}`} picked={picked} onPick={onPick} />}

      <h3 id={h('sign-offs')}>Sign-offs</h3>
      {signOffs.isPending && <Loading label="Loading the sign-offs" />}
      {signOffs.isError && <ErrorState error={signOffs.error} retry={() => signOffs.refetch()} />}
      {signOffs.isSuccess && (
        <>
          <SignOffList signOffs={signOffs.data} />
          <SignOffForm release={release} signOffs={signOffs.data} />
        </>
      )}
    </section>
  );
}
