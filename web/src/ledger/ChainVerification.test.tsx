import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answerFetch, renderSignedIn } from '../test/render';
import { ChainVerification } from './ChainVerification';

describe('verifying the ledger chain', () => {
  it('reports an intact chain with its head', async () => {
    answerFetch(200, { ok: true, entries: 1234, headSeq: 1234, headHash: 'a'.repeat(64) });
    renderSignedIn(<ChainVerification />);
    await userEvent.click(screen.getByRole('button', { name: 'Verify the chain' }));
    expect(await screen.findByText('Chain intact')).toBeTruthy();
    expect(screen.getByText(/entries verified, up to #1234/)).toBeTruthy();
  });

  it('names the first break of a tampered chain', async () => {
    answerFetch(200, { ok: false, entries: 40, headSeq: 40, headHash: 'b'.repeat(64), firstBreak: { kind: 'modified', seq: 17, detail: 'the stored hash does not match the entry' } });
    renderSignedIn(<ChainVerification />);
    await userEvent.click(screen.getByRole('button', { name: 'Verify the chain' }));
    expect(await screen.findByText('Chain broken')).toBeTruthy();
    expect(screen.getByText('First break at entry #17 (modified): the stored hash does not match the entry')).toBeTruthy();
  });

  it('shows why verification could not run', async () => {
    answerFetch(403, { title: 'Forbidden', status: 403, detail: 'this needs the permission ledger:read' });
    renderSignedIn(<ChainVerification />);
    await userEvent.click(screen.getByRole('button', { name: 'Verify the chain' }));
    expect((await screen.findByRole('alert')).textContent).toBe('this needs the permission ledger:read');
  });
});
