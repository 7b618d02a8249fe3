import { useEffect, useRef, type ReactNode } from 'react';
import { Field, fieldId } from '../forms/Field';
import { communicationAudiences, emptyAudience, emptyCommunication, emptyMetric, renameAudience, withoutRow, type PlanDraft } from './planDraft';
import { skillRoleLabel } from './skilling';
import { SKILL_ROLES, type SkillRole } from './types';

/** What each part of the plan editor is handed: the draft, how to change it (naming the fields whose problems it settles), the problems by field. */
export interface PlanSectionProps {
  draft: PlanDraft;
  change: (next: PlanDraft, ...settled: string[]) => void;
  errors: Record<string, string[]>;
}

/** A list of the plan (audiences, support, metrics, communications) as a group of rows, each row its own labelled group. */
function RowList({ name, legend, hint, errors, rows, addLabel, onAdd, children }: { name: string; legend: string; hint?: string; errors?: string[]; rows: number; addLabel: string; onAdd: () => void; children: ReactNode }) {
  const id = fieldId(name);
  const box = useRef<HTMLFieldSetElement>(null);
  const added = useRef(false);
  // A row just added takes focus at its first control, so a keyboard user carries on typing there.
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    const controls = box.current?.querySelectorAll<HTMLElement>('.plan-item');
    controls?.[controls.length - 1]?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [rows]);
  return (
    <fieldset className="form-section plan-list" id={id} ref={box} aria-describedby={[hint && `${id}-hint`, errors?.length && `${id}-error`].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors && errors.length > 0 && (
        <ul className="field-error" id={`${id}-error`} data-field={name}>
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {children}
      <button
        type="button"
        className="button"
        onClick={() => {
          added.current = true;
          onAdd();
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}

/** One row of a list, with the problems reported at the row itself (an audience group named twice) and a way to remove it. */
function Row({ legend, name, errors, onRemove, children }: { legend: string; name: string; errors?: string[]; onRemove?: () => void; children: ReactNode }) {
  return (
    <fieldset className="plan-row plan-item" id={fieldId(name)}>
      <legend>{legend}</legend>
      {errors && errors.length > 0 && (
        <ul className="field-error" data-field={name}>
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <div className="plan-row-fields">{children}</div>
      {onRemove && (
        <button type="button" className="button button-quiet plan-row-remove" onClick={onRemove}>
          Remove {legend.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}

const replaceAt = <T,>(list: T[], i: number, patch: Partial<T>): T[] => list.map((x, j) => (j === i ? { ...x, ...patch } : x));

export function AudienceRows({ draft, change, errors }: PlanSectionProps) {
  const set = (i: number, patch: Partial<PlanDraft['audiences'][number]>, field: string) => change({ ...draft, audiences: replaceAt(draft.audiences, i, patch) }, `audiences.${i}.${field}`);
  return (
    <RowList name="audiences" legend="Audiences" hint="for whom the work changes; each group once" errors={errors.audiences} addLabel="Add an audience" rows={draft.audiences.length} onAdd={() => change({ ...draft, audiences: [...draft.audiences, emptyAudience()] }, 'audiences')}>
      {draft.audiences.map((a, i) => (
        <Row key={i} legend={`Audience ${i + 1}`} name={`audiences.${i}`} errors={errors[`audiences.${i}`]} onRemove={draft.audiences.length > 1 ? () => change({ ...draft, audiences: withoutRow(draft.audiences, i, emptyAudience) }, 'audiences.*') : undefined}>
          <Field name={`audiences.${i}.group`} label="Group" hint="the work group, as the register names it" errors={errors[`audiences.${i}.group`]}>
            {(p) => <input {...p} value={a.group} maxLength={100} onChange={(e) => change(renameAudience(draft, i, e.target.value), `audiences.${i}.group`, 'audiences')} />}
          </Field>
          <Field name={`audiences.${i}.skillRole`} label="Skill role" errors={errors[`audiences.${i}.skillRole`]}>
            {(p) => (
              <select {...p} value={a.skillRole} onChange={(e) => set(i, { skillRole: e.target.value as SkillRole | '' }, 'skillRole')}>
                <option value="">Choose a role</option>
                {SKILL_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {skillRoleLabel(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name={`audiences.${i}.gatewayRole`} label="Gateway role (optional)" hint="the role claim in their verified tokens" errors={errors[`audiences.${i}.gatewayRole`]}>
            {(p) => <input {...p} value={a.gatewayRole} maxLength={80} onChange={(e) => set(i, { gatewayRole: e.target.value }, 'gatewayRole')} />}
          </Field>
          <Field name={`audiences.${i}.headcount`} label="Headcount" errors={errors[`audiences.${i}.headcount`]}>
            {(p) => <input {...p} inputMode="numeric" value={a.headcount} onChange={(e) => set(i, { headcount: e.target.value }, 'headcount')} />}
          </Field>
        </Row>
      ))}
    </RowList>
  );
}

export function SupportRows({ draft, change, errors }: PlanSectionProps) {
  return (
    <RowList name="support" legend="Support" hint="training, office hours, floor walkers, guides" errors={errors.support} addLabel="Add support" rows={draft.support.length} onAdd={() => change({ ...draft, support: [...draft.support, ''] }, 'support')}>
      {draft.support.map((s, i) => (
        <div key={i} className="form-row plan-line plan-item">
          <Field name={`support.${i}`} label={`Support ${i + 1}`} errors={errors[`support.${i}`]}>
            {(p) => <input {...p} value={s} maxLength={300} onChange={(e) => change({ ...draft, support: draft.support.map((x, j) => (j === i ? e.target.value : x)) }, `support.${i}`)} />}
          </Field>
          {draft.support.length > 1 && (
            <button type="button" className="button button-quiet" onClick={() => change({ ...draft, support: withoutRow(draft.support, i, () => '') }, 'support.*')}>
              Remove support {i + 1}
            </button>
          )}
        </div>
      ))}
    </RowList>
  );
}

export function MetricRows({ draft, change, errors }: PlanSectionProps) {
  const set = (i: number, patch: Partial<PlanDraft['successMetrics'][number]>, field: string) => change({ ...draft, successMetrics: replaceAt(draft.successMetrics, i, patch) }, `successMetrics.${i}.${field}`);
  return (
    <RowList name="successMetrics" legend="Success metrics" hint="what defines success, each with its target" errors={errors.successMetrics} addLabel="Add a success metric" rows={draft.successMetrics.length} onAdd={() => change({ ...draft, successMetrics: [...draft.successMetrics, emptyMetric()] }, 'successMetrics')}>
      {draft.successMetrics.map((m, i) => (
        <Row key={i} legend={`Metric ${i + 1}`} name={`successMetrics.${i}`} errors={errors[`successMetrics.${i}`]} onRemove={draft.successMetrics.length > 1 ? () => change({ ...draft, successMetrics: withoutRow(draft.successMetrics, i, emptyMetric) }, 'successMetrics.*') : undefined}>
          <Field name={`successMetrics.${i}.metric`} label="Metric" errors={errors[`successMetrics.${i}.metric`]}>
            {(p) => <input {...p} value={m.metric} maxLength={200} onChange={(e) => set(i, { metric: e.target.value }, 'metric')} />}
          </Field>
          <Field name={`successMetrics.${i}.target`} label="Target" errors={errors[`successMetrics.${i}.target`]}>
            {(p) => <input {...p} value={m.target} maxLength={200} onChange={(e) => set(i, { target: e.target.value }, 'target')} />}
          </Field>
        </Row>
      ))}
    </RowList>
  );
}

export function CommunicationRows({ draft, change, errors }: PlanSectionProps) {
  const set = (i: number, patch: Partial<PlanDraft['communications'][number]>, field: string) => change({ ...draft, communications: replaceAt(draft.communications, i, patch) }, `communications.${i}.${field}`);
  return (
    <RowList name="communications" legend="Communications" hint="when people are told, through which channel, and what" errors={errors.communications} addLabel="Add a communication" rows={draft.communications.length} onAdd={() => change({ ...draft, communications: [...draft.communications, emptyCommunication()] }, 'communications')}>
      {draft.communications.map((c, i) => (
        <Row key={i} legend={`Communication ${i + 1}`} name={`communications.${i}`} errors={errors[`communications.${i}`]} onRemove={draft.communications.length > 1 ? () => change({ ...draft, communications: withoutRow(draft.communications, i, emptyCommunication) }, 'communications.*') : undefined}>
          <Field name={`communications.${i}.on`} label="Date" errors={errors[`communications.${i}.on`]}>
            {(p) => <input {...p} type="date" value={c.on} onChange={(e) => set(i, { on: e.target.value }, 'on')} />}
          </Field>
          <Field name={`communications.${i}.audience`} label="To" errors={errors[`communications.${i}.audience`]}>
            {(p) => (
              <select {...p} value={c.audience} onChange={(e) => set(i, { audience: e.target.value }, 'audience')}>
                {communicationAudiences(draft, c.audience).map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name={`communications.${i}.channel`} label="Channel" hint="e.g. team briefing, intranet" errors={errors[`communications.${i}.channel`]}>
            {(p) => <input {...p} value={c.channel} maxLength={100} onChange={(e) => set(i, { channel: e.target.value }, 'channel')} />}
          </Field>
          <div className="plan-row-wide">
            <Field name={`communications.${i}.message`} label="Message" hint="what changes, the support, how success is measured" errors={errors[`communications.${i}.message`]}>
              {(p) => <textarea {...p} rows={2} value={c.message} maxLength={1000} onChange={(e) => set(i, { message: e.target.value }, 'message')} />}
            </Field>
          </div>
        </Row>
      ))}
    </RowList>
  );
}
