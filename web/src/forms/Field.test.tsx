import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field } from './Field';

describe('a form field', () => {
  it('labels its control and ties the hint and the problems to it', () => {
    render(
      <Field name="outcomeSentence" label="Outcome sentence" hint="say the metric and the control" errors={['state a target', 'name the control']}>
        {(p) => <textarea {...p} />}
      </Field>,
    );
    const control = screen.getByLabelText('Outcome sentence');
    expect(control.getAttribute('aria-invalid')).toBe('true');
    const described = control.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['say the metric and the control', 'state a targetname the control']);
  });

  it('is not marked invalid without problems', () => {
    render(<Field name="title" label="Title">{(p) => <input {...p} />}</Field>);
    expect(screen.getByLabelText('Title').hasAttribute('aria-invalid')).toBe(false);
  });
});
