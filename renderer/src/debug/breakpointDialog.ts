// The right-click dialog of a breakpoint: a condition (`x > 10`), a hit count (`3`, `>= 3`,
// `% 2`) and a log message (`i = {i}`: a logpoint prints it and goes on instead of stopping).
import { button, createModal, el } from '../projects/modal';
import type { BreakpointOptions } from './breakpointGutter';

const FIELDS = [
  { key: 'condition', label: 'Stop only when (a Python expression)', placeholder: 'x > 10' },
  { key: 'hitCondition', label: 'Hit count (stop on the Nth time, from the Nth, every Nth)', placeholder: '3, >= 3 or % 2' },
  { key: 'logMessage', label: 'Log message instead of stopping ({expression} is replaced by its value)', placeholder: 'i = {i}' },
] as const;

/** Resolves with the new options, null to remove the breakpoint, undefined when cancelled. */
export function editBreakpoint(line: number, current: BreakpointOptions | undefined): Promise<BreakpointOptions | null | undefined> {
  return new Promise(resolve => {
    let answer: BreakpointOptions | null | undefined;
    const modal = createModal(`Breakpoint on line ${line}`, 'breakpoint-dialog', () => { modal.dialog.remove(); resolve(answer); });
    const inputs = FIELDS.map(field => {
      const input = el('input', { testId: `breakpoint-${field.key}` });
      input.placeholder = field.placeholder;
      input.spellcheck = false;
      input.value = current?.[field.key] ?? '';
      return { key: field.key, input, label: el('label', { className: 'modal-label' }, field.label, input) };
    });
    const form = el('form', {}, ...inputs.map(i => i.label));
    form.id = 'breakpoint-dialog-form';
    form.addEventListener('submit', event => {
      event.preventDefault();
      const options: BreakpointOptions = {};
      for (const { key, input } of inputs) if (input.value.trim()) options[key] = input.value.trim();
      answer = options;
      modal.close();
    });
    const ok = el('button', { className: 'primary', testId: 'breakpoint-dialog-ok', text: current ? 'Save' : 'Add breakpoint' });
    ok.type = 'submit';
    ok.setAttribute('form', form.id);
    modal.body.append(form);
    if (current) modal.footer.append(button('Remove', 'breakpoint-dialog-remove', () => { answer = null; modal.close(); }));
    modal.footer.append(button('Cancel', 'breakpoint-dialog-cancel', () => modal.close()), ok);
    modal.open();
    inputs[0].input.focus();
  });
}
