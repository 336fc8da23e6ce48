// Small DOM and formatting helpers shared by every page. No framework: `h()` builds elements, pages rebuild their
// sections when data changes.
import { MintedError } from 'minted-connect';
import { language, t } from './i18n.js';

/** h('p', { className: 'x', onclick }, 'text', child…): an element with properties/attributes and children. */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  // Children first, so a <select>'s value can pick one of its options.
  node.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : String(c))));
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && !key.includes('-') && key !== 'list') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  return node;
}

let ids = 0;
/** A document-unique id with a readable prefix. */
export const uid = (prefix) => `${prefix}-${++ids}`;

const locale = () => (language() === 'tr' ? 'tr-TR' : 'en-GB');

/** Money with 2 decimals (and the currency code when given). */
export function money(value, currency) {
  if (value === null || value === undefined || value === '') return '—';
  const text = Number(value).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${text} ${currency}` : text;
}

/** Grams (or any quantity) with up to 4 decimals. */
export function grams(value, unit = 'g') {
  if (value === null || value === undefined || value === '') return '—';
  return `${Number(value).toLocaleString(locale(), { maximumFractionDigits: 4 })}${unit ? ` ${unit}` : ''}`;
}

/** A wallet balance: grams for metal wallets, money for cash. */
export const balance = (wallet) => (wallet.is_cash || !/^MA/.test(wallet.currency_code) ? money(wallet.balance, wallet.currency_code) : grams(wallet.balance));

export const time = (date = new Date()) => date.toLocaleTimeString(locale());

/** Today or `days` ago as YYYY-MM-DD in local time. */
export function isoDay(daysAgo = 0) {
  const d = new Date(Date.now() - daysAgo * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A fresh id for an order or a cash movement: prefix, time and randomness, within the API's 3–40 characters. */
export const newExternalId = (prefix) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** An order status name in the current language (unknown names as sent). */
export const statusName = (name) => (name ? t(`status.${name}`, {}, name) : '—');

/** A page section with a heading. */
export const section = (title, ...children) => h('section', {}, h('h2', {}, title), ...children);

/** A definition list from [label, value] pairs. */
export const details = (pairs) => h('dl', { className: 'pairs' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));

/**
 * A table: `columns` are { label, value(row), className?, header? (a node instead of the label) }. Wrapped so it
 * scrolls sideways on narrow screens instead of overflowing the page.
 */
export function table(columns, rows, { caption, id } = {}) {
  return h('div', { className: 'table-wrap', tabIndex: 0, role: 'region', 'aria-label': caption ?? '' },
    h('table', { id },
      caption ? h('caption', { className: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => c.header ?? h('th', { scope: 'col', className: c.className }, c.label)))),
      h('tbody', {}, rows.length
        ? rows.map((row) => h('tr', {}, columns.map((c) => h('td', { className: c.className, 'data-label': c.label }, c.value(row)))))
        : h('tr', {}, h('td', { colSpan: columns.length, className: 'empty' }, t('common.none'))))));
}

/** The box for a failed call: the MintedError's kind, status, code, message and field issues. */
export function errorBox(err) {
  const box = h('div', { className: 'error', role: 'alert' });
  if (err instanceof MintedError) {
    const meta = [err.status ? `HTTP ${err.status}` : null, err.code !== undefined && err.code !== null ? `${t('error.code')} ${err.code}` : null]
      .filter(Boolean).join(' · ');
    box.append(h('p', {}, h('strong', { className: 'kind' }, `${t(`kind.${err.kind}`, {}, err.kind)} (${err.kind})`), meta ? ` ${meta}` : ''),
      h('p', { className: 'message' }, err.message));
    if (err.issues?.length) box.append(h('ul', {}, err.issues.map((i) => h('li', {}, h('code', {}, i.path || t('error.body')), `: ${i.message}`))));
    if (err.requestId) box.append(h('p', { className: 'muted' }, `${t('error.requestId')}: ${err.requestId}`));
  } else {
    box.append(h('p', {}, String(err?.message ?? err)));
  }
  return box;
}

/**
 * Runs `task` while `target` (an aria-live region) says it is busy, then shows what `task` returned (a node) or
 * the error. Resolves to the task's result, or undefined after an error.
 */
export async function load(target, task, { keep = false } = {}) {
  target.setAttribute('aria-busy', 'true');
  if (!keep) target.replaceChildren(h('p', { className: 'muted' }, t('common.loading')));
  try {
    const node = await task();
    if (node instanceof Node) target.replaceChildren(node);
    else if (!keep) target.replaceChildren();
    return node;
  } catch (err) {
    target.replaceChildren(errorBox(err));
    return undefined;
  } finally {
    target.removeAttribute('aria-busy');
  }
}

/** A polite live region for the results of a section. */
export const live = (id) => h('div', { id, className: 'result', 'aria-live': 'polite' });

/** A button that asks once more before doing something that cannot be undone. */
export function confirmButton(label, confirmLabel, action) {
  const wrap = h('span', { className: 'confirm' });
  const ask = h('button', { type: 'button', className: 'secondary', onclick: () => {
    const yes = h('button', { type: 'button', className: 'danger', onclick: () => action() }, confirmLabel);
    const no = h('button', { type: 'button', className: 'secondary', onclick: () => { wrap.replaceChildren(ask); ask.focus(); } }, t('common.cancel'));
    wrap.replaceChildren(yes, no);
    yes.focus();
  } }, label);
  wrap.append(ask);
  return wrap;
}
