import { describe, expect, it } from 'vitest';
import { readableMessages } from './messages';

describe('the messages of a held request', () => {
  it('reads text content and content parts', () => {
    expect(
      readableMessages([
        { role: 'system', content: 'You summarise claims.' },
        { role: 'user', content: [{ type: 'text', text: 'Patient [NAME_1] takes metformin.' }, { type: 'image_url', image_url: { url: 'x' } }] },
      ]),
    ).toEqual([
      { role: 'system', text: 'You summarise claims.' },
      { role: 'user', text: 'Patient [NAME_1] takes metformin.\n[image]' },
    ]);
  });

  it('shows a tool call as what it asks for', () => {
    expect(readableMessages([{ role: 'assistant', content: null, tool_calls: [{ function: { name: 'lookup' } }] }])).toEqual([{ role: 'assistant', text: '[{"function":{"name":"lookup"}}]' }]);
  });

  it('is null once the payload is purged', () => {
    expect(readableMessages(null)).toBeNull();
  });
});
