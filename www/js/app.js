// The admin panel's shell: reads the server's defaults (config.json), connects, and routes `#/…` links to pages.
// Every page is a module with `render(main, { params, query })` that may return a cleanup function.
import { initLanguage, language, setLanguage, t } from './i18n.js';
import { connect, connectDemo, connection, isConnected, loadSettings, relanguage, settings, whenSignedOut } from './session.js';
import { h } from './ui.js';
import * as connectPage from './pages/connect.js';
import * as customer from './pages/customer.js';
import * as customers from './pages/customers.js';
import * as dashboard from './pages/dashboard.js';
import * as delivery from './pages/delivery.js';
import * as order from './pages/order.js';
import * as orders from './pages/orders.js';
import * as trade from './pages/trade.js';

const ROUTES = [
  [/^\/?$/, dashboard, 'dashboard'],
  [/^\/customers$/, customers, 'customers'],
  [/^\/customers\/(.+)$/, customer, 'customers'],
  [/^\/trade$/, trade, 'trade'],
  [/^\/orders$/, orders, 'orders'],
  [/^\/orders\/(.+)$/, order, 'orders'],
  [/^\/delivery$/, delivery, 'delivery'],
  [/^\/connect$/, connectPage, 'connect'],
];
const NAV = [['#/', 'dashboard'], ['#/customers', 'customers'], ['#/trade', 'trade'], ['#/orders', 'orders'], ['#/delivery', 'delivery'], ['#/connect', 'connect']];

const main = document.querySelector('#main');
const header = document.querySelector('#top');
let cleanup = null;
let shownPath = null;
let signInPage = null; // pages/sign-in.js, loaded when the server asks operators to sign in

function parseHash() {
  const [path, search = ''] = decodeURI(location.hash.replace(/^#/, '') || '/').split('?');
  return { path, query: new URLSearchParams(search) };
}

function renderHeader(section) {
  const info = connection();
  const select = h('select', { id: 'language', value: language(), onchange: (e) => switchLanguage(e.target.value) },
    h('option', { value: 'tr', lang: 'tr' }, 'Türkçe'), h('option', { value: 'en', lang: 'en' }, 'English'));
  header.replaceChildren(
    h('button', { type: 'button', className: 'skip', onclick: () => main.focus() }, t('app.skip')),
    h('div', { className: 'brand' }, h('strong', {}, 'minted-connect'), ' ', h('span', {}, t('app.title'))),
    h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, NAV.map(([href, key]) =>
      h('li', {}, h('a', { href, 'aria-current': key === section ? 'page' : undefined }, t(`nav.${key}`)))))),
    h('div', { className: 'tools' },
      h('span', { className: 'connection', id: 'connection-state' }, info
        ? `${t(`connect.badge.${info.mode}`)} · ${info.baseUrl}${info.username ? ` · ${info.username}` : ''}`
        : t('connect.none')),
      settings.operator ? h('span', { className: 'operator', id: 'operator' }, settings.operator) : null,
      settings.operator ? h('button', { type: 'button', className: 'secondary', id: 'sign-out', onclick: async () => {
        await signInPage.signOut();
        render();
      } }, t('signIn.out')) : null,
      h('label', { className: 'language' }, h('span', {}, t('app.language')), select)));
}

/** Copies the values typed into the forms of `root` so a re-render (language switch) can put them back. */
function snapshotForms(root) {
  return [...root.querySelectorAll('form[id]')].map((form) => [form.id,
    [...form.elements].filter((el) => el.name).map((el) => ({ name: el.name, value: el.value, checked: el.checked, radio: el.type === 'radio' }))]);
}

function restoreForms(root, saved) {
  for (const [id, values] of saved) {
    const form = root.querySelector(`form#${CSS.escape(id)}`);
    if (!form) continue;
    for (const { name, value, checked, radio } of values) {
      const el = [...form.elements].find((e) => e.name === name && (!radio || e.value === value));
      if (!el || (radio ? el.checked === checked : el.value === value)) continue;
      if (radio) el.checked = checked;
      else el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}

function render({ keepForms = false } = {}) {
  const { path, query } = parseHash();
  const [, page, section, params] = (() => {
    for (const [pattern, module, name] of ROUTES) {
      const match = pattern.exec(path);
      if (match) return [match, module, name, match.slice(1)];
    }
    return [null, null, null, []];
  })();
  const saved = keepForms ? snapshotForms(main) : [];
  const focusedId = document.activeElement?.id;
  cleanup?.();
  cleanup = null;
  renderHeader(section);
  if (settings.signIn && !settings.operator) {
    cleanup = signInPage.render(main, { onSignedIn: () => start() });
  } else if (!page) {
    main.replaceChildren(h('h1', { tabIndex: -1 }, t('app.notFound')), h('p', {}, h('a', { href: '#/' }, t('nav.dashboard'))));
  } else if (!isConnected() && page !== connectPage) {
    cleanup = connectPage.render(main, { params: [], query: new URLSearchParams(), next: location.hash });
  } else {
    cleanup = page.render(main, { params: params.map(decodeURIComponent), query }) ?? null;
  }
  document.title = `${main.querySelector('h1')?.textContent ?? ''} · minted-connect`;
  restoreForms(main, saved);
  if (keepForms && focusedId) document.getElementById(focusedId)?.focus();
  else if (path !== shownPath) main.querySelector('h1')?.focus();
  else if (focusedId) document.getElementById(focusedId)?.focus();
  shownPath = path;
}

function switchLanguage(lang) {
  setLanguage(lang);
  relanguage();
  render({ keepForms: true });
}

window.addEventListener('hashchange', () => render());

/** Reads the server's defaults, connects (unless an operator must sign in first), and shows the current route. */
async function start(loaded = null) {
  const config = loaded ?? await loadSettings();
  if (settings.signIn) signInPage ??= await import('./pages/sign-in.js');
  main.replaceChildren(h('p', { className: 'muted' }, t('common.loading')));
  // ?demo in the address: demo mode, whatever the server's defaults (a static host has none).
  const demo = new URLSearchParams(location.search).has('demo');
  const target = config.proxy
    ? { mode: 'proxy', baseUrl: new URL(config.proxy, location.href).href.replace(/\/$/, '') }
    : config.baseUrl ? { mode: 'direct', baseUrl: config.baseUrl, username: config.username, password: config.password } : null;
  if ((demo || target) && !(settings.signIn && !settings.operator)) {
    try {
      await (demo ? connectDemo() : connect(target));
    } catch (err) {
      connectPage.rememberFailure(err);
    }
  }
  render();
}

whenSignedOut(() => render());
loadSettings().then((config) => {
  initLanguage(config.language);
  return start(config);
});
