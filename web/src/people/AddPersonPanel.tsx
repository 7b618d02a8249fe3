import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { AddPersonForm } from './AddPersonForm';
import { skillRoleLabel } from './skilling';
import type { Person } from './types';

/** For people managers: add someone to the register, folded away until asked for. */
export function AddPersonPanel() {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<Person>();
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <section className="panel" aria-labelledby="add-person-panel-title">
      <div className="panel-head">
        <h2 id="add-person-panel-title">Add to the register</h2>
        {!open && (
          <button
            type="button"
            className="button"
            ref={opener}
            aria-expanded={false}
            onClick={() => {
              setAdded(undefined);
              setOpen(true);
            }}
          >
            Add a person
          </button>
        )}
      </div>
      <div aria-live="polite">
        {added && (
          <p className="notice notice-success" role="status">
            Added {added.name} to the register as {skillRoleLabel(added.skillRole).toLowerCase()}.{' '}
            <Link to="/people/$personId" params={{ personId: added.id }}>
              Open {added.name}
            </Link>
          </p>
        )}
      </div>
      {!open && !added && <p className="muted">A Charter member, or an end user of a use case who is not one, with the skill role they train as.</p>}
      {open && (
        <AddPersonForm
          onAdded={(p) => {
            setAdded(p);
            close();
          }}
          onCancel={close}
        />
      )}
    </section>
  );
}
