// #/connect: direct (base URL and Digest credentials, held in memory only) or proxy mode (the panel's own server
// adds the credentials; the page has none). The form checks the configuration the way the client does. Demo mode
// (a button here, or ?demo in the address) runs against a sandbox inside the page.
import { MintedClient, MintedError } from 'minted-connect';
import { field, liveForm } from '../form.js';
import { language, t } from '../i18n.js';
import { connect, connectDemo, connection, disconnect, rerender, settings } from '../session.js';
import { errorBox, h, live } from '../ui.js';

let bootFailure = null;

/** The automatic connection at start failed: the connect page shows why. */
export function rememberFailure(err) {
  bootFailure = err;
}

/**
 * The client's own config check, as issues: a `config` MintedError names the option at fault. Then the server's
 * Content-Security-Policy: the page may only call the APIs config.json lists.
 */
function configIssues(body) {
  if (body.mode === 'proxy') return [];
  try {
    new MintedClient({ baseUrl: body.baseUrl ?? '', username: body.username, password: body.password, language: language() }).free();
  } catch (err) {
    if (!(err instanceof MintedError)) throw err;
    return [{ path: err.field || 'baseUrl', code: err.code, message: err.message, severity: 'error' }];
  }
  if (settings.apis && !settings.apis.includes(new URL(body.baseUrl).origin)) {
    return [{ path: 'baseUrl', code: 'not_allowed', message: t('connect.apiNotAllowed', { apis: settings.apis.join(', ') }), severity: 'error' }];
  }
  return [];
}

export function render(main, { next } = {}) {
  const result = live('connect-result');
  if (bootFailure) result.append(errorBox(bootFailure));
  const current = connection();
  // direct mode needs an API the server's policy lets the page call (none in proxy mode)
  const modes = settings.apis?.length === 0 ? [] : [['direct', t('connect.mode.direct')]];
  if (settings.proxy) modes.unshift(['proxy', t('connect.mode.proxy')]);
  const mode = current?.mode ?? modes[0][0];
  const direct = h('fieldset', { className: 'group', id: 'direct-fields', disabled: mode === 'proxy' },
    h('legend', {}, t('connect.credentials')),
    field({ name: 'baseUrl', label: t('connect.baseUrl'), type: 'url', value: current?.mode === 'direct' ? current.baseUrl : '', placeholder: 'https://api.staging.mintedconnect.com', autocomplete: 'url' }),
    field({ name: 'username', label: t('connect.username'), autocomplete: 'username', value: current?.username ?? '' }),
    field({ name: 'password', label: t('connect.password'), type: 'password', autocomplete: 'current-password' }));
  const form = liveForm({
    id: 'connect-form',
    fields: [field({ name: 'mode', label: t('connect.mode'), type: 'radio', options: modes, value: mode }), modes.some(([m]) => m === 'direct') ? direct : null],
    submit: t('connect.submit'),
    validate: configIssues,
    onSubmit: async (body) => {
      result.replaceChildren(h('p', { className: 'muted' }, t('common.loading')));
      const target = body.mode === 'proxy'
        ? { mode: 'proxy', baseUrl: new URL(settings.proxy, location.href).href.replace(/\/$/, '') }
        : { mode: 'direct', baseUrl: body.baseUrl, username: body.username, password: body.password };
      try {
        await connect(target);
        bootFailure = null;
        form.elements.password.value = '';
        if (next && next !== location.hash) location.hash = next;
        else if (location.hash === '#/connect') location.hash = '#/';
        else rerender();
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'mode') direct.disabled = event.target.value === 'proxy';
  });
  const demoResult = live('demo-result');
  const demo = h('section', { id: 'demo' }, h('h2', {}, t('connect.demo')), h('p', {}, t('connect.demoNote')),
    h('button', { type: 'button', className: 'secondary', id: 'demo-start', onclick: async () => {
      demoResult.replaceChildren(h('p', { className: 'muted' }, t('common.loading')));
      try {
        await connectDemo();
        bootFailure = null;
        location.hash = next && next !== '#/connect' ? next : '#/';
        rerender();
      } catch (err) {
        demoResult.replaceChildren(errorBox(err));
      }
    } }, t('connect.demoStart')), demoResult);
  main.replaceChildren(...[
    h('h1', { tabIndex: -1 }, t('connect.title')),
    current ? h('section', {}, h('p', { id: 'connected-as' }, t('connect.connected', { mode: t(`connect.badge.${current.mode}`), url: current.baseUrl })),
      h('button', { type: 'button', className: 'secondary', onclick: () => { disconnect(); rerender(); } }, t('connect.disconnect'))) : null,
    !current && next && next !== '#/connect' ? h('p', { className: 'notice' }, t('connect.first')) : null,
    h('section', {}, form, result),
    h('p', { className: 'warning' }, t(settings.proxy ? 'connect.proxyNote' : 'connect.warning')),
    current?.mode === 'demo' ? null : demo,
  ].filter(Boolean));
}
