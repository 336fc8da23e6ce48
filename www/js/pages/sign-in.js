// Sign-in of a shared panel (the server was started with --operators): every route shows this page until an
// operator has signed in. The session lives in an HttpOnly cookie this page never sees; the password leaves the
// form once sent.
import { field, liveForm } from '../form.js';
import { t } from '../i18n.js';
import { signIn } from '../session.js';
import { errorBox, h, live } from '../ui.js';

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
