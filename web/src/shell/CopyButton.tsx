import { useEffect, useState } from 'react';

/**
 * Copies a value to the clipboard and says so where screen readers hear it. When the browser refuses the clipboard,
 * it says that instead, so the person selects the value by hand.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span role="status" className={state === 'failed' ? 'field-error' : 'copy-state'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'The browser refused the clipboard: select the text and copy it' : ''}
      </span>
    </>
  );
}
