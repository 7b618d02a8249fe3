import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, olivia, renderSignedIn, sentTo } from '../test/render';
import { ControlsChecklist } from './ControlsChecklist';
import type { ControlItem, Controls, ControlUpdate, EvidenceInput } from './types';

const ben = { ...olivia, user: { ...olivia.user, id: 'usr_ben', name: 'Ben Moreau' }, roles: ['builder'], permissions: ['usecase:read', 'control:update'] };
const CONTROLS = '/api/v1/use-cases/uc_1/controls';
const PATCH = `PATCH ${CONTROLS}`;

const control = (id: string, requiredBefore: ControlItem['requiredBefore'], met = false): ControlItem => ({
  control: id, framework: 'nist-ai-rmf', function: null, category: null, title: null, requiredBefore, source: 'pack', status: met ? 'implemented' : 'not_started',
  justification: null, waiver: null, met, evidence: [], linked: [],
});
const view = (items: ControlItem[]): Controls => {
  const met = items.filter((i) => i.met).length;
  return { useCaseId: 'uc_1', tier: 'high', policyPackVersion: 'high@default', items, summary: { required: items.length, met, open: items.length - met } };
};
const before = view([control('GOVERN 1.1', 'approved'), control('GOVERN 1.2', 'approved'), control('MAP 1.1', 'approved', true), control('MEASURE 2.1', 'pilot')]);

/** What the API answers after a bulk update: each item implemented and met, with its evidence (a file as its digest). */
function applied(items: ControlUpdate[]): Controls {
  return view(
    before.items.map((c) => {
      const u = items.find((i) => i.control === c.control);
      if (!u) return c;
      const e = u.evidence![0] as EvidenceInput;
      return {
        ...c, status: 'implemented', met: true,
        evidence: [{
          id: `ev_${c.control}`, control: c.control, kind: e.kind, title: e.title ?? (e.kind === 'file' ? e.name : e.url), url: e.kind === 'url' ? e.url : null,
          file: e.kind === 'file' ? { name: e.name, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', bytes: 5 } : null,
          addedBy: { id: 'usr_ben', name: 'Ben Moreau' }, addedAt: '2026-11-27T10:00:00.000Z',
        }],
      };
    }),
  );
}

/** The API as the checklist sees it: the controls view, and a PATCH that applies the items so the next read shows them. */
function api() {
  let current = before;
  const fetch = vi.fn(async (_url: string, init: RequestInit = {}) => {
    if ((init.method ?? 'GET') === 'PATCH') current = applied((JSON.parse(String(init.body)) as { items: ControlUpdate[] }).items);
    return new Response(JSON.stringify(current), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const show = (me = ben) => renderSignedIn(<ControlsChecklist useCaseId="uc_1" stage="assessed" screened />, me);
const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe('selecting open controls for one piece of evidence', () => {
  it('offers a box per open control and one per stage group, and the form only while some are selected', async () => {
    api();
    show();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select the 2 open controls before approved' }));
    expect(box('Select GOVERN 1.1').checked).toBe(true);
    expect(box('Select GOVERN 1.2').checked).toBe(true);
    expect(box('Select MEASURE 2.1').checked).toBe(false);
    expect(screen.queryByRole('checkbox', { name: 'Select MAP 1.1' })).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Select the 1 open control before pilot' })).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Evidence for the selected controls' });
    expect(within(form).getByRole('button', { name: 'Mark 2 controls implemented' })).toBeTruthy();

    await userEvent.click(box('Select GOVERN 1.2'));
    expect(box('Select the 2 open controls before approved').indeterminate).toBe(true);
    expect(within(form).getByRole('button', { name: 'Mark 1 control implemented' })).toBeTruthy();
    await userEvent.click(box('Select GOVERN 1.1'));
    expect(screen.queryByRole('form', { name: 'Evidence for the selected controls' })).toBeNull();
  });

  it('offers no selection to someone who may not update controls', async () => {
    api();
    show(olivia);
    await screen.findByRole('region', { name: 'Controls due before approved' });
    expect(screen.queryByRole('checkbox', { name: /^Select/ })).toBeNull();
  });

  it('marks the selected controls implemented with one link, in one request, and says so', async () => {
    const fetch = api();
    show();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select GOVERN 1.1' }));
    await userEvent.click(box('Select MEASURE 2.1'));
    const form = screen.getByRole('form', { name: 'Evidence for the selected controls' });
    await userEvent.type(within(form).getByLabelText('Evidence URL'), 'https://wiki.northwind.example/ai/risk-file');
    await userEvent.type(within(form).getByLabelText('Evidence title'), 'Risk file v3');
    await userEvent.click(within(form).getByRole('button', { name: 'Mark 2 controls implemented' }));

    await screen.findByText('2 controls are implemented, with their evidence.');
    const evidence = { kind: 'url', url: 'https://wiki.northwind.example/ai/risk-file', title: 'Risk file v3' };
    expect(sentTo(fetch, PATCH)).toEqual([{ items: [{ control: 'GOVERN 1.1', status: 'implemented', evidence: [evidence] }, { control: 'MEASURE 2.1', status: 'implemented', evidence: [evidence] }] }]);
    await vi.waitFor(() => expect(screen.getAllByRole('link', { name: 'Risk file v3' })).toHaveLength(2));
    expect(within(screen.getByRole('row', { name: /GOVERN 1\.1/ })).getByText('Met')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Evidence for the selected controls' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Select GOVERN 1.1' })).toBeNull();
    expect(box('Select GOVERN 1.2').checked).toBe(false);
    // The pilot group is all met now, and stays open so the person sees the evidence they gave.
    expect(screen.getByRole('region', { name: 'Controls due before pilot' }).closest('details')!.open).toBe(true);
  });

  it('sends a chosen file as base64 with its name, titled by its name unless told otherwise', async () => {
    const fetch = api();
    show();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select the 2 open controls before approved' }));
    const form = screen.getByRole('form', { name: 'Evidence for the selected controls' });
    await userEvent.click(within(form).getByRole('radio', { name: 'File' }));
    await userEvent.upload(within(form).getByLabelText('Evidence file'), new File(['hello'], 'risk-file.pdf', { type: 'application/pdf' }));
    expect((within(form).getByLabelText('Evidence title') as HTMLInputElement).value).toBe('risk-file.pdf');
    await userEvent.click(within(form).getByRole('button', { name: 'Mark 2 controls implemented' }));

    await screen.findByText('2 controls are implemented, with their evidence.');
    const evidence = { kind: 'file', name: 'risk-file.pdf', contentBase64: 'aGVsbG8=', title: 'risk-file.pdf' };
    expect(sentTo(fetch, PATCH)).toEqual([{ items: [{ control: 'GOVERN 1.1', status: 'implemented', evidence: [evidence] }, { control: 'GOVERN 1.2', status: 'implemented', evidence: [evidence] }] }]);
    await vi.waitFor(() => expect(within(screen.getByRole('row', { name: /GOVERN 1\.2/ })).getByText(/file risk-file\.pdf, SHA-256/)).toBeTruthy());
  });

  it('refuses a file over 10 MB at the field, without sending it', async () => {
    const fetch = api();
    show();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select GOVERN 1.1' }));
    const form = screen.getByRole('form', { name: 'Evidence for the selected controls' });
    await userEvent.click(within(form).getByRole('radio', { name: 'File' }));
    await userEvent.upload(within(form).getByLabelText('Evidence file'), new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'scan.tiff'));
    expect(within(form).getByLabelText('Evidence file').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('the file is 10.0 MB; evidence files may be at most 10.0 MB')).toBeTruthy();
    await userEvent.click(within(form).getByRole('button', { name: 'Mark 1 control implemented' }));
    expect(sentTo(fetch, PATCH)).toEqual([]);
  });

  it('explains at the file field that Charter refused the request as too large, the file going with each control', async () => {
    answerFetchBy({ [CONTROLS]: [200, before], [PATCH]: [413, { title: 'Payload too large', status: 413, detail: 'the request body exceeds the configured limit' }] });
    show();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select the 2 open controls before approved' }));
    const form = screen.getByRole('form', { name: 'Evidence for the selected controls' });
    await userEvent.click(within(form).getByRole('radio', { name: 'File' }));
    await userEvent.upload(within(form).getByLabelText('Evidence file'), new File(['a scanned risk file'], 'risk-file.pdf'));
    await userEvent.click(within(form).getByRole('button', { name: 'Mark 2 controls implemented' }));
    await vi.waitFor(() => expect(form.querySelector('[data-field="bulk-evidence-file"]')?.textContent).toMatch(/the file \(19 bytes\) is sent once with each of the 2 controls/));
    expect(within(form).getByLabelText('Evidence file').getAttribute('aria-invalid')).toBe('true');
  });

  it.each([400, 422])('shows the API’s %i problems with the shared evidence at its field, and with a control above the form', async (status) => {
    const fetch = answerFetchBy({
      [CONTROLS]: [200, before],
      [PATCH]: [status, {
        title: 'Invalid request', status, detail: 'invalid',
        errors: [
          { path: 'body.items.0.evidence.0.url', message: 'Invalid URL' },
          { path: 'body.items.1.evidence.0.url', message: 'Invalid URL' },
          { path: 'body.items[2].control', message: 'MEASURE 2.1 is not a control the high@default pack or the screening requires of this use case' },
        ],
      }],
    });
    show();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select the 2 open controls before approved' }));
    await userEvent.click(box('Select MEASURE 2.1'));
    const form = screen.getByRole('form', { name: 'Evidence for the selected controls' });
    await userEvent.type(within(form).getByLabelText('Evidence URL'), 'the wiki');
    await userEvent.type(within(form).getByLabelText('Evidence title'), 'Wiki');
    await userEvent.click(within(form).getByRole('button', { name: 'Mark 3 controls implemented' }));

    const url = within(form).getByLabelText('Evidence URL');
    await vi.waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(url.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toBe('Invalid URL');
    const summary = within(form).getByRole('alert');
    expect(summary.textContent).toContain('Selected controls: MEASURE 2.1 is not a control the high@default pack');
    expect(within(summary).getByRole('link', { name: 'Evidence URL: Invalid URL' }).getAttribute('href')).toBe(`#${url.id}`);
    expect(sentTo(fetch, PATCH)).toHaveLength(1);
    expect(screen.queryByText(/are implemented, with their evidence/)).toBeNull();

    await userEvent.type(url, '/x');
    expect(url.hasAttribute('aria-invalid')).toBe(false);
  });
});
