import { useState, type FormEvent } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useDiscardPack, useEditPack, usePublishPack } from './api';
import { packProblemWords, readPackText } from './packs';
import type { PackVersion } from './types';

/**
 * A draft edited whole, as JSON: every save validates the schema, control ids, consistency and every CEL rule, and the
 * API's problems (CEL ones with line and column) show under the editor. Publishing gives it the next number of its tier.
 */
export function PackEditor({ draft }: { draft: PackVersion }) {
  const edit = useEditPack();
  const publish = usePublishPack();
  const discard = useDiscardPack();
  const [text, setText] = useState(() => JSON.stringify(draft.pack, null, 2));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [refusal, setRefusal] = useState<Error>();
  const [said, setSaid] = useState('');
  const dirty = text !== JSON.stringify(draft.pack, null, 2);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setRefusal(undefined);
    setSaid('');
    const read = readPackText(text);
    setProblems(read.problems);
    if (read.problems.length) return;
    try {
      await edit.mutateAsync({ id: draft.id, version: draft.version, pack: read.pack });
      setSaid('Saved: the draft passed every check.');
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) setProblems(err.errors);
      else setRefusal(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const stale = 'Someone changed this draft since you opened it. Keep a copy of your text, reload the page to see their version, and apply your change again.';
  return (
    <section aria-labelledby="editor-title" className="pack-editor">
      <h3 id="editor-title">Edit the draft</h3>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      {refusal && <Refusal error={refusal} title="The draft was not saved" stale={stale} />}
      {publish.isError && <Refusal error={publish.error} title="The draft was not published" stale={stale} />}
      {discard.isError && <Refusal error={discard.error} title="The draft was not discarded" stale={stale} />}
      <form onSubmit={save} noValidate aria-label="Edit the draft pack">
        <Field name="pack" label="The pack, as JSON" hint="The whole pack; saving checks it as publishing will" errors={packProblemWords(problems)}>
          {(p) => (
            <textarea
              {...p}
              className="pack-text"
              rows={18}
              spellCheck={false}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setProblems([]);
              }}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={edit.isPending || !dirty}>
            {edit.isPending ? 'Saving…' : 'Save the draft'}
          </button>
          <button
            type="button"
            className="button"
            disabled={publish.isPending || dirty}
            onClick={() => publish.mutate({ id: draft.id, version: draft.version })}
            title={dirty ? 'Save your changes first' : undefined}
          >
            {publish.isPending ? 'Publishing…' : `Publish as the next ${draft.tier} version`}
          </button>
          <button type="button" className="button button-danger" disabled={discard.isPending} onClick={() => discard.mutate({ id: draft.id, version: draft.version })}>
            Discard the draft
          </button>
        </div>
      </form>
    </section>
  );
}
