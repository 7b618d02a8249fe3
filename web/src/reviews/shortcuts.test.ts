import { describe, expect, it } from 'vitest';
import { commandOf } from './shortcuts';

const press = (key: string, patch: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; defaultPrevented: boolean; target: EventTarget | null }> = {}) =>
  commandOf({ key, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, repeat: false, target: document.body, ...patch });

describe('the review queue keys', () => {
  it('maps the letters to commands, in either case', () => {
    expect(['j', 'k', 'a', 'e', 'r', 'A'].map((k) => press(k))).toEqual(['next', 'previous', 'approve', 'edit', 'reject', 'approve']);
    expect(press('x')).toBeUndefined();
  });

  it('leaves alone what the person types into a field', () => {
    for (const tag of ['input', 'textarea', 'select']) expect(press('a', { target: document.createElement(tag) })).toBeUndefined();
  });

  it('leaves alone shortcuts of the browser and keys already handled', () => {
    expect(press('r', { ctrlKey: true })).toBeUndefined();
    expect(press('a', { metaKey: true })).toBeUndefined();
    expect(press('j', { defaultPrevented: true })).toBeUndefined();
  });
});
