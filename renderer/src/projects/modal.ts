// In-page dialogs (a <dialog> shown modally): the gallery, the project name prompt, Burn VM.
// Escape or the close button closes them; nothing uses window.prompt or alert.
import './modal.css';

export interface Modal {
  dialog: HTMLDialogElement;
  body: HTMLElement;
  footer: HTMLElement;
  open(): void;
  close(): void;
}

/** Makes an element with a class, optional test id and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; testId?: string; text?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.testId) node.dataset.testid = props.testId;
  if (props.text !== undefined) node.textContent = props.text;
  node.append(...children);
  return node;
}

export function button(text: string, testId: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = el('button', { className, testId, text });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

export function createModal(title: string, testId: string, onClose?: () => void): Modal {
  const dialog = el('dialog', { className: 'modal', testId });
  dialog.setAttribute('aria-label', title);
  const body = el('div', { className: 'modal-body' });
  const footer = el('div', { className: 'modal-footer' });
  const close = button('×', `${testId}-close`, () => dialog.close(), 'modal-close small');
  close.title = 'Close';
  dialog.append(el('div', { className: 'modal-title' }, el('span', { text: title }), close), body, footer);
  dialog.addEventListener('close', () => onClose?.());
  document.body.append(dialog);
  return {
    dialog, body, footer,
    open() { if (!dialog.open) dialog.showModal(); },
    close() { if (dialog.open) dialog.close(); },
  };
}

export interface AskOptions {
  title: string;
  label: string;
  initial?: string;
  okText: string;
  testId: string;
  /** Acts on the answer; a thrown error is shown in the dialog, which stays open for another try. */
  submit(value: string): Promise<void>;
}

/** Asks for one line of text; resolves true when submit succeeded, false when the person gave up. */
export function ask(options: AskOptions): Promise<boolean> {
  return new Promise(resolve => {
    let done = false;
    const modal = createModal(options.title, options.testId, () => { modal.dialog.remove(); resolve(done); });
    const input = el('input', { testId: `${options.testId}-input` });
    input.value = options.initial ?? '';
    input.spellcheck = false;
    const error = el('div', { className: 'modal-error', testId: `${options.testId}-error` });
    error.setAttribute('role', 'alert');
    const form = el('form', {}, el('label', { className: 'modal-label' }, options.label, input), error);
    const ok = el('button', { className: 'primary', testId: `${options.testId}-ok`, text: options.okText });
    ok.type = 'submit';
    ok.setAttribute('form', `${options.testId}-form`);
    form.id = `${options.testId}-form`;
    form.addEventListener('submit', event => {
      event.preventDefault();
      ok.disabled = true;
      error.textContent = '';
      options.submit(input.value).then(() => { done = true; modal.close(); }, err => {
        error.textContent = (err as Error).message.replace(/^rejected message: /, '');
        ok.disabled = false;
        input.focus();
      });
    });
    modal.body.append(form);
    modal.footer.append(button('Cancel', `${options.testId}-cancel`, () => modal.close()), ok);
    modal.open();
    input.select();
  });
}

/** Asks a yes/no question; resolves true only when the person pressed `okText`. */
export function confirmAction(options: { title: string; text: string; okText: string; testId: string }): Promise<boolean> {
  return new Promise(resolve => {
    let yes = false;
    const modal = createModal(options.title, options.testId, () => { modal.dialog.remove(); resolve(yes); });
    modal.body.append(el('p', { text: options.text, testId: `${options.testId}-text` }));
    const ok = button(options.okText, `${options.testId}-ok`, () => { yes = true; modal.close(); }, 'primary');
    modal.footer.append(button('Cancel', `${options.testId}-cancel`, () => modal.close()), ok);
    modal.open();
    ok.focus();
  });
}
