import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderSignedIn } from '../test/render';
import { IssuedSecret } from './IssuedSecret';
import type { IssuedKey } from './types';

const issued: IssuedKey = {
  id: 'gk_1', useCaseId: 'uc_1', environment: 'pilot', name: 'claims desk', prefix: 'chr_gw_pilot_AbCd', ownerId: 'usr_1',
  createdAt: '2026-11-27T08:00:00.000Z', expiresAt: '2027-02-25T08:00:00.000Z', revokedAt: null, rotatedTo: null, key: 'chr_gw_pilot_AbCdsecretsecretsecret',
};

describe('a key shown once', () => {
  it('takes focus and says plainly it will not be shown again', () => {
    renderSignedIn(<IssuedSecret issued={issued} onDone={() => {}} />);
    expect(document.activeElement?.textContent).toBe('Key claims desk issued: copy it now');
    expect(screen.getByText('You will not see this key again.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'New gateway key' }) as HTMLInputElement).value).toBe(issued.key);
  });

  it('copies the key and says so', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderSignedIn(<IssuedSecret issued={issued} onDone={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy the new gateway key' }));
    expect(writeText).toHaveBeenCalledWith(issued.key);
    expect((await screen.findByRole('status')).textContent).toBe('Copied');
  });

  it('says when the browser refuses the clipboard', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
    renderSignedIn(<IssuedSecret issued={issued} onDone={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy the new gateway key' }));
    expect((await screen.findByRole('status')).textContent).toBe('The browser refused the clipboard: select the text and copy it');
  });

  it('names the grace period after a rotation, and goes away once stored', async () => {
    const onDone = vi.fn();
    renderSignedIn(<IssuedSecret issued={issued} rotatedFrom="claims desk" onDone={onDone} />);
    expect(screen.getByText(/The old key keeps working until its grace period ends/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(onDone).toHaveBeenCalled();
  });
});
