import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, contract, olivia, renderSignedIn, sentTo } from '../test/render';
import { EndpointForm } from './EndpointForm';

const admin = { ...olivia, roles: ['platform_admin'], permissions: ['usecase:read', 'catalogue:manage'] };
/** A slice of the API's published POST /api/v1/model-endpoints body schema. */
const schema = {
  type: 'object',
  required: ['name', 'provider', 'model', 'region', 'approvedTiers', 'allowedDataClasses', 'pricePer1kInput', 'pricePer1kOutput'],
  properties: {
    name: { type: 'string', pattern: '^[a-zA-Z0-9._:@/-]{2,80}$' },
    provider: { type: 'string', enum: ['openai', 'anthropic', 'simulated'] },
    model: { type: 'string', minLength: 1 },
    region: { type: 'string', minLength: 2 },
    approvedTiers: { type: 'array', minItems: 1, items: { type: 'string' } },
    allowedDataClasses: { type: 'object', required: ['maxSensitivity'], properties: { maxSensitivity: { type: 'string', enum: ['public', 'internal', 'confidential', 'restricted'] } } },
    pricePer1kInput: { type: 'number', minimum: 0 },
    pricePer1kOutput: { type: 'number', minimum: 0 },
  },
};
const ADD = 'POST /api/v1/model-endpoints';

async function fill(provider: string) {
  await userEvent.type(screen.getByLabelText('Name'), 'gpt-4o-mini-eu');
  await userEvent.selectOptions(screen.getByLabelText('Provider'), provider);
  await userEvent.type(screen.getByLabelText('Upstream model'), 'gpt-4o-mini');
  await userEvent.type(screen.getByLabelText('Region'), 'eu-west');
  await userEvent.click(screen.getByRole('checkbox', { name: 'Limited' }));
  await userEvent.selectOptions(screen.getByLabelText('Most sensitive data it may receive'), 'confidential');
  await userEvent.type(screen.getByLabelText('Input, USD per 1,000 tokens'), '0.15');
  await userEvent.type(screen.getByLabelText('Output, USD per 1,000 tokens'), '0.6');
}

describe('adding a model endpoint', () => {
  it('names every missing field before sending, at the field', async () => {
    const fetch = answerFetchBy({ '/openapi.json': [200, contract('POST', '/api/v1/model-endpoints', schema)] });
    renderSignedIn(<EndpointForm onAdded={() => {}} onCancel={() => {}} />, admin);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledWith('/openapi.json', expect.anything()));
    await userEvent.type(screen.getByLabelText('Name'), 'gpt 4o');
    await userEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect((await screen.findByRole('alert')).textContent).toContain('name: is not in the expected format');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('[data-field="approvedTiers"]')?.textContent).toBe('at least 1 item(s)');
    expect(sentTo(fetch, ADD)).toEqual([]);
  });

  it('shows what only the API knows at the field it names, and sends what the form holds', async () => {
    const fetch = answerFetchBy({
      '/openapi.json': [200, contract('POST', '/api/v1/model-endpoints', schema)],
      [ADD]: [400, { title: 'Invalid request', status: 400, detail: 'a real provider needs its base URL', errors: [{ path: 'body.baseUrl', message: 'required unless provider is simulated' }] }],
    });
    renderSignedIn(<EndpointForm onAdded={() => {}} onCancel={() => {}} />, admin);
    await fill('openai');
    await userEvent.type(screen.getByLabelText('API key'), 'sk-test');
    await userEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect((await screen.findByRole('alert')).textContent).toContain('baseUrl: required unless provider is simulated');
    expect(screen.getByLabelText('Base URL').getAttribute('aria-invalid')).toBe('true');
    expect(sentTo(fetch, ADD)).toEqual([
      {
        name: 'gpt-4o-mini-eu', provider: 'openai', kind: 'chat', credential: 'sk-test', model: 'gpt-4o-mini', modelVersion: 'latest', region: 'eu-west',
        approvedTiers: ['limited'], allowedDataClasses: { maxSensitivity: 'confidential', categories: [] }, pricePer1kInput: 0.15, pricePer1kOutput: 0.6, status: 'approved',
      },
    ]);
  });

  it('asks for simulation settings only for the simulated provider', async () => {
    const fetch = answerFetchBy({ [ADD]: [201, { id: 'ep_1', name: 'gpt-4o-mini-eu' }] });
    const onAdded = vi.fn();
    renderSignedIn(<EndpointForm onAdded={onAdded} onCancel={() => {}} />, admin);
    await fill('simulated');
    expect(screen.queryByLabelText('Base URL')).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Behaviour'), 'vulnerable');
    await userEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalledWith({ id: 'ep_1', name: 'gpt-4o-mini-eu' }));
    expect(sentTo(fetch, ADD)[0]).toMatchObject({ provider: 'simulated', simulated: { mode: 'vulnerable', latencyMs: 0, errorRate: 0, accuracy: 0.9 } });
  });
});
