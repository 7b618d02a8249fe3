import { useEffect, useRef } from 'react';
import { CopyButton } from '../shell/CopyButton';
import { formatDateTime } from '../shell/format';
import type { IssuedKey } from './types';

/** A key's secret, shown this once: it takes focus so it is announced, and says plainly it will not be shown again. */
export function IssuedSecret({ issued, rotatedFrom, onDone }: { issued: IssuedKey; rotatedFrom?: string; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [issued.id]);
  return (
    <section className="notice notice-warning issued-secret" aria-labelledby="issued-title">
      <h2 id="issued-title" tabIndex={-1} ref={heading}>
        {rotatedFrom ? `New key for ${rotatedFrom}` : `Key ${issued.name} issued`}: copy it now
      </h2>
      <p>
        <strong>You will not see this key again.</strong> Charter keeps only a hash of it. Store it where the application reads its secrets; if it is lost, rotate the key.
      </p>
      <div className="secret-row">
        <label className="visually-hidden" htmlFor="issued-key">
          New gateway key
        </label>
        <input id="issued-key" readOnly value={issued.key} onFocus={(e) => e.target.select()} autoComplete="off" spellCheck={false} />
        <CopyButton value={issued.key} label="Copy the new gateway key" />
      </div>
      <p className="muted">
        {issued.environment === 'production' ? 'Production' : 'Pilot'} key{issued.expiresAt ? `, expires ${formatDateTime(issued.expiresAt)}` : ''}.
        {rotatedFrom && ' The old key keeps working until its grace period ends, so the application can switch without downtime.'}
      </p>
      <button type="button" className="button" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
