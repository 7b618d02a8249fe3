import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { members } from '../portfolio/api';
import type { LedgerSearch } from './routes';

/** Searches the ledger by action (a prefix with *), subject, actor and day range. */
export function LedgerFilters({ search }: { search: LedgerSearch }) {
  const navigate = useNavigate({ from: '/ledger' });
  const people = useQuery(members);
  const [form, setForm] = useState({ action: search.action ?? '', subjectId: search.subjectId ?? '', actorId: search.actorId ?? '', from: search.from ?? '', to: search.to ?? '' });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim() || undefined]));
    navigate({ search: next });
  };
  const clear = () => {
    setForm({ action: '', subjectId: '', actorId: '', from: '', to: '' });
    navigate({ search: {} });
  };

  return (
    <form className="filters" role="search" aria-label="Search the ledger" onSubmit={apply}>
      <label className="field field-inline">
        <span className="field-label">Action</span>
        <input value={form.action} onChange={(e) => set({ action: e.target.value })} placeholder="usecase.*" />
      </label>
      <label className="field field-inline">
        <span className="field-label">Subject id</span>
        <input value={form.subjectId} onChange={(e) => set({ subjectId: e.target.value })} placeholder="uc_…" />
      </label>
      <label className="field field-inline">
        <span className="field-label">Who</span>
        <select value={form.actorId} onChange={(e) => set({ actorId: e.target.value })}>
          <option value="">Anyone</option>
          {people.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span className="field-label">From</span>
        <input type="date" value={form.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="field field-inline">
        <span className="field-label">To</span>
        <input type="date" value={form.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <button type="submit" className="button button-primary">
        Search
      </button>
      <button type="button" className="button button-quiet" onClick={clear}>
        Clear
      </button>
    </form>
  );
}
