// Forms that validate as the user types, with the SDK's own rules: every change builds the request body from the
// form and runs `validateRequest` on it, so the messages are the ones the client would give (in tr or en), shown
// next to the field they name. Nothing is sent while an error remains.
import { validateRequest } from 'minted-connect';
import { language, t } from './i18n.js';
import { h, uid } from './ui.js';

/**
 * One labelled control with a message slot. `type`: text inputs, 'number', 'date', 'select' (with `options`:
 * [value, label] pairs), 'radio' (a fieldset of `options`), 'textarea'. The control's `name` is the request
 * field it fills (`payment.card_number`), which is also the path of the issues it shows.
 */
export function field({ name, label, type = 'text', options = [], value, hint, className, ...attrs }) {
  const id = uid(`f-${name.replace(/\W/g, '-')}`);
  const msg = h('small', { className: 'msg', id: `${id}-msg` });
  const hintNode = hint ? h('small', { className: 'hint', id: `${id}-hint` }, hint) : null;
  const described = [hintNode ? `${id}-hint` : null, `${id}-msg`].filter(Boolean).join(' ');
  if (type === 'radio') {
    return h('fieldset', { className: `field radio ${className ?? ''}`, 'data-field': name, 'aria-describedby': described },
      h('legend', {}, label),
      options.map(([v, text]) => h('label', { className: 'inline' },
        h('input', { type: 'radio', name, value: v, checked: String(v) === String(value), ...attrs }), ` ${text}`)),
      hintNode, msg);
  }
  const control = type === 'select'
    ? h('select', { id, name, value: value ?? '', 'aria-describedby': described, ...attrs }, options.map(([v, text]) => h('option', { value: v }, text)))
    : type === 'textarea'
      ? h('textarea', { id, name, value: value ?? '', 'aria-describedby': described, ...attrs })
      : h('input', { id, name, type, value: value ?? '', 'aria-describedby': described, ...attrs });
  return h('div', { className: `field ${className ?? ''}`, 'data-field': name }, h('label', { htmlFor: id }, label), control, hintNode, msg);
}

/** Sets `value` at a dotted path (`payment.card_number`) of `target`. */
function setPath(target, path, value) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys.at(-1)] = value;
}

/**
 * The body a form describes: every enabled named control; empty values are left out; number inputs become numbers
 * (unless they do not parse, so the validator names them); checkboxes become booleans.
 */
export function readBody(form) {
  const body = {};
  for (const el of form.elements) {
    if (!el.name || el.matches(':disabled') || el.dataset.skip !== undefined) continue;
    if (el.type === 'radio' && !el.checked) continue;
    let value = el.type === 'checkbox' ? el.checked : el.value;
    if (value === '') continue;
    if ((el.type === 'number' || 'number' in el.dataset) && Number.isFinite(Number(value))) value = Number(value);
    setPath(body, el.name, value);
  }
  return body;
}

/** A validation function for one operation, for `liveForm`'s `validate`. */
export const rulesOf = (operationId) => (body) => validateRequest(operationId, body, { language: language() });

/**
 * A form that validates while the user types. `validate(body)` returns issues; `paths` (an object or a function)
 * maps an issue path to the control that shows it (`items[0].amount` → `amount`); `onSubmit(body, form)` runs once nothing is wrong.
 * Issues for fields the user has not touched yet wait for the first submit; those without a control of their own
 * are listed above the button.
 */
export function liveForm({ id, fields, submit, validate, toBody = readBody, onSubmit, paths = {}, extra = null }) {
  const summary = h('div', { className: 'summary', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submit);
  const form = h('form', { id, className: 'form', noValidate: true }, fields, summary, h('div', { className: 'actions' }, button, extra));
  const touched = new Set();
  let submitted = false;

  function check() {
    const body = toBody(form);
    const issues = validate(body);
    for (const slot of form.querySelectorAll('[data-field]')) {
      slot.querySelector(':scope > .msg').replaceChildren();
      slot.classList.remove('invalid', 'warned');
      for (const control of slot.querySelectorAll('input, select, textarea')) control.removeAttribute('aria-invalid');
    }
    const loose = [];
    for (const issue of issues) {
      const name = (typeof paths === 'function' ? paths(issue.path) : paths[issue.path]) ?? issue.path;
      // the first enabled control for that path (a form may hold two, one in a disabled fieldset)
      const slot = [...form.querySelectorAll('[data-field]')]
        .find((s) => s.dataset.field === name && !s.querySelector('input, select, textarea').matches(':disabled'));
      if (!slot) { loose.push(issue); continue; }
      if (!submitted && !touched.has(name)) continue;
      const msg = slot.querySelector(':scope > .msg');
      if (msg.childNodes.length) continue; // one message per field is enough
      const error = issue.severity === 'error';
      msg.append(error ? '' : `${t('form.warning')}: `, issue.message);
      slot.classList.add(error ? 'invalid' : 'warned');
      if (error) for (const control of slot.querySelectorAll('input, select, textarea')) control.setAttribute('aria-invalid', 'true');
    }
    const shown = submitted ? loose.filter((i) => i.severity === 'error') : [];
    summary.replaceChildren(shown.length
      ? h('ul', { className: 'error' }, shown.map((i) => h('li', {}, h('code', {}, i.path || t('error.body')), `: ${i.message}`)))
      : '');
    return { body, ok: !issues.some((i) => i.severity === 'error') };
  }

  const onEdit = (event) => {
    if (event.target.name) touched.add(event.target.name);
    check();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submitted = true;
    const { body, ok } = check();
    if (!ok) {
      form.querySelector('[aria-invalid=true]')?.focus();
      return;
    }
    button.disabled = true;
    try {
      await onSubmit(body, form);
    } finally {
      button.disabled = false;
    }
  });
  /** Checks again (after a language switch, or when the page changed a value). */
  form.revalidate = check;
  return form;
}
