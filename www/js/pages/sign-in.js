// Sign-in of a shared panel (the server was started with --operators), loaded only there: every route shows this
// page until an operator has signed in. The session lives in an HttpOnly cookie the page never sees; the password
// leaves the form once sent.
import { field, liveForm } from '../form.js';
import { t } from '../i18n.js';
import { disconnect, panelFetch, settings } from '../session.js';
import { errorBox, h, live } from '../ui.js';

/** Signs an operator in; throws an Error saying why not (wrong password, or wait). */
async function signIn(name, password) {
  const response = await panelFetch('session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (response.ok) return;
  const { retryAfter } = await response.json().catch(() => ({}));
  throw new Error(response.status === 429 ? t('signIn.wait', { seconds: retryAfter ?? 1 }) : t('signIn.refused'));
}

/** Signs out: the server forgets the session, the page its connection. */
export async function signOut() {
  await panelFetch('session', { method: 'DELETE' });
  settings.operator = null;
  disconnect();
}

const required = (body) => ['name', 'password'].filter((name) => !body[name])
  .map((path) => ({ path, code: 'required', message: t('signIn.required'), severity: 'error' }));

export function render(main, { onSignedIn }) {
  const result = live('sign-in-result');
  const form = liveForm({
    id: 'sign-in-form',
    fields: [
      field({ name: 'name', label: t('signIn.name'), autocomplete: 'username' }),
      field({ name: 'password', label: t('signIn.password'), type: 'password', autocomplete: 'current-password' }),
    ],
    submit: t('signIn.submit'),
    validate: required,
    onSubmit: async (body) => {
      form.elements.password.value = '';
      result.replaceChildren(h('p', { className: 'muted' }, t('common.sending')));
      try {
        await signIn(body.name, body.password);
        result.replaceChildren();
        await onSignedIn();
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
  main.replaceChildren(h('h1', { tabIndex: -1 }, t('signIn.title')), h('p', {}, t('signIn.note')), h('section', {}, form, result));
}
