import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Me } from '../session/session';
import { answerFetchBy, contract, renderSignedIn, sentTo } from '../test/render';
import { SignOffForm } from './SignOffs';
import type { SignOff } from './types';

const riley: Me = {
  user: { id: 'usr_riley', email: 'riley.risk@northwind.example', name: 'Riley Chen' },
  tenantId: 'ten_northwind',
  roles: ['risk_reviewer'],
  permissions: ['usecase:read', 'gate:signoff', 'gate:evaluate', 'eval:run'],
  tenants: [{ id: 'ten_northwind', slug: 'northwind', name: 'Northwind Mutual', roles: ['risk_reviewer'] }],
};
const release = { id: 'rel_1', createdBy: 'usr_ben' };
const schema = contract('POST', '/api/v1/releases/{id}/sign-offs', { type: 'object', properties: { role: { type: 'string', enum: ['business_owner', 'risk_reviewer'] }, note: { type: 'string', maxLength: 2000 } } });
const signed: SignOff = { id: 'so_1', releaseId: 'rel_1', role: 'risk_reviewer', signedBy: 'usr_riley', signerName: 'Riley Chen', note: '', createdAt: '2026-11-27T10:00:00Z' };

describe('signing a release off', () => {
  it('signs in the role the person holds, with the note', async () => {
    const fetch = answerFetchBy({ '/openapi.json': [200, schema], 'POST /api/v1/releases/rel_1/sign-offs': [201, signed] });
    renderSignedIn(<SignOffForm release={release} signOffs={[]} />, riley);
    expect((screen.getByLabelText('Sign off as') as HTMLSelectElement).value).toBe('risk_reviewer');
    await userEvent.type(screen.getByLabelText('Note'), 'Risk file checked.');
    await userEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    await screen.findByText('Signed off as risk reviewer.');
    expect(sentTo(fetch, 'POST /api/v1/releases/rel_1/sign-offs')).toEqual([{ role: 'risk_reviewer', note: 'Risk file checked.' }]);
  });

  it("shows the API's refusal in its words", async () => {
    answerFetchBy({
      '/openapi.json': [200, schema],
      'POST /api/v1/releases/rel_1/sign-offs': [403, { title: 'Forbidden', status: 403, detail: 'you created this release, so someone else must sign it off (separation of duties)' }],
    });
    renderSignedIn(<SignOffForm release={release} signOffs={[]} />, riley);
    await userEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    expect((await screen.findByRole('alert')).textContent).toContain('someone else must sign it off (separation of duties)');
  });

  it('offers no form to the creator of the release, nor in a role already signed', () => {
    answerFetchBy({ '/openapi.json': [200, schema] });
    const { unmount } = renderSignedIn(<SignOffForm release={{ id: 'rel_1', createdBy: 'usr_riley' }} signOffs={[]} />, riley);
    expect(screen.getByText('You created this release, so someone else must sign it off.')).toBeTruthy();
    unmount();
    renderSignedIn(<SignOffForm release={release} signOffs={[signed]} />, riley);
    expect(screen.queryByRole('button', { name: 'Sign off' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('You have signed this release off as risk reviewer.');
  });
});
