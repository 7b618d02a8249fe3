import { useEffect, useRef } from 'react';

/** The review queue's keys: each is one letter, pressed without modifiers, outside any text field. */
export const REVIEW_KEYS = { next: 'j', previous: 'k', approve: 'a', edit: 'e', reject: 'r' } as const;
export type ReviewCommand = keyof typeof REVIEW_KEYS;

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The command a key press stands for, or undefined when the person is typing, holding a modifier, or pressed another key. */
export function commandOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented' | 'repeat'> & { target: EventTarget | null }): ReviewCommand | undefined {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const target = e.target as HTMLElement | null;
  if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return undefined;
  const key = e.key.toLowerCase();
  return (Object.keys(REVIEW_KEYS) as ReviewCommand[]).find((c) => REVIEW_KEYS[c] === key);
}

/** Listens for the queue's keys on the whole page while shown; only the commands given are taken, by their latest handlers. */
export function useReviewShortcuts(handlers: Partial<Record<ReviewCommand, () => void>>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      const command = commandOf(e);
      const handle = command && latest.current[command];
      if (!handle) return;
      e.preventDefault();
      handle();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
