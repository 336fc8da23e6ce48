// #/orders: one page of getOrders with filters (status, customer, product, type, dates), server-side sorting and
// paging, all kept in the link (#/orders?status=Completed&page=2), and a CSV export of every order that matches,
// walked with listOrders and written by minted-connect/csv (the `minted` command's writer: formulas made inert),
// which is loaded on the first export.
import { field, liveForm, rulesOf } from '../form.js';
import { language, t } from '../i18n.js';
import { api, orderStatuses } from '../session.js';
import { errorBox, grams, h, isoDay, live, load, money, section, statusName } from '../ui.js';

const FILTERS = ['status', 'customer_external_id', 'sku', 'tx_type', 'startDate', 'endDate', 'total'];
const SORTS = [['created_at', 'order.date'], ['type', 'order.type'], ['customer_external_id', 'order.customer'], ['total', 'order.total']];
const SKUS = ['GAU', 'GAG', 'GPT', 'GPD', 'BGAU', 'BGAG', 'DAU1', 'DAU5', 'DAU10', 'DAU20', 'DAG100', 'DAG250', 'DAG500'];

/** The API query a link describes. */
function toQuery(params) {
  const query = {};
  for (const name of [...FILTERS, 'page', 'sortBy', 'sortType']) {
    const value = params.get(name);
    if (value) query[name] = ['page', 'total'].includes(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return query;
}

const link = (query) => `#/orders?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')).toString()}`;

/** Where an order's detail page is: your external id when it has one, else its guid. */
export const orderHref = (order) => `#/orders/${encodeURIComponent(order.external_id || order.guid)}`;

const itemsText = (order) => (order.items ?? []).map((i) => `${grams(i.amount, '')} ${i.sku ?? i.product_name ?? ''}`.trim()).join('; ');

function filterForm(query) {
  const statuses = orderStatuses().map((s) => [s.name, statusName(s.name)]);
  return liveForm({
    id: 'orders-filter',
    fields: [
      field({ name: 'status', label: t('order.status'), type: 'select', value: query.status ?? '', options: [['', t('common.all')], ...statuses] }),
      field({ name: 'customer_external_id', label: t('order.customer'), value: query.customer_external_id, autocomplete: 'off' }),
      field({ name: 'sku', label: t('common.product'), type: 'select', value: query.sku ?? '', options: [['', t('common.all')], ...SKUS.map((s) => [s, s])] }),
      field({ name: 'tx_type', label: t('order.type'), type: 'select', value: query.tx_type ?? '', options: [['', t('common.all')], ...['buy', 'sell', 'delivery'].map((k) => [k, t(`order.kind.${k}`)])] }),
      field({ name: 'startDate', label: t('common.from'), type: 'date', value: query.startDate, max: isoDay(0) }),
      field({ name: 'endDate', label: t('common.to'), type: 'date', value: query.endDate }),
      field({ name: 'total', label: t('order.pageSize'), type: 'select', value: String(query.total ?? 10), options: ['5', '10', '20', '30'].map((n) => [n, n]), 'data-number': '' }),
    ],
    submit: t('order.filter'),
    validate: rulesOf('getOrders'),
    onSubmit: (body) => { location.hash = link({ ...body, sortBy: query.sortBy, sortType: query.sortType }); },
    extra: h('a', { href: '#/orders', className: 'button secondary', id: 'clear-filters' }, t('order.clear')),
  });
}

function ordersTable(page, query) {
  const sortBy = query.sortBy ?? 'created_at';
  const sortType = query.sortType ?? 'desc';
  const sortHeader = (key, label) => {
    const active = sortBy === key;
    const next = active && sortType === 'desc' ? 'asc' : 'desc';
    return h('th', { scope: 'col', 'aria-sort': active ? (sortType === 'asc' ? 'ascending' : 'descending') : undefined },
      h('a', { href: link({ ...query, sortBy: key, sortType: next, page: 1 }), id: `sort-${key}`, className: 'sort' }, label, active ? (sortType === 'asc' ? ' ↑' : ' ↓') : ''));
  };
  const columns = [
    ['order.date', (o) => o.order_at ?? '—', 'created_at'],
    ['order.code', (o) => h('a', { href: orderHref(o) }, o.order_code)],
    ['order.externalId', (o) => o.external_id ?? '—'],
    ['order.type', (o) => (o.type ? t(`order.kind.${o.type.toLowerCase()}`, {}, o.type) : '—'), 'type'],
    ['order.customer', (o) => o.customer?.external_id ?? t('trade.partner'), 'customer_external_id'],
    ['order.items', itemsText],
    ['order.total', (o) => money(o.total, o.currency_code), 'total', 'number'],
    ['order.payment', (o) => (o.payment_type ? t(`pay.kind.${o.payment_type}`, {}, o.payment_type) : '—')],
    ['order.status', (o) => h('span', { className: `badge status-${String(o.status_name).toLowerCase().replace(/\W+/g, '-')}` }, statusName(o.status_name))],
  ];
  const rows = page.data ?? [];
  return h('div', { className: 'table-wrap', tabIndex: 0, role: 'region', 'aria-label': t('order.list') },
    h('table', { id: 'orders-table' },
      h('caption', { className: 'visually-hidden' }, t('order.list')),
      h('thead', {}, h('tr', {}, columns.map(([key, , sort, cls]) => (sort ? sortHeader(sort, t(key)) : h('th', { scope: 'col', className: cls }, t(key)))))),
      h('tbody', {}, rows.length
        ? rows.map((o) => h('tr', { 'data-external-id': o.external_id ?? '' }, columns.map(([key, value, , cls]) => h('td', { className: cls, 'data-label': t(key) }, value(o)))))
        : h('tr', {}, h('td', { colSpan: columns.length, className: 'empty' }, t('order.noneMatch'))))));
}

function pager(page, query) {
  const current = page.current_page ?? 1;
  const last = page.last_page ?? 1;
  const to = (n, label, id) => (n >= 1 && n <= last && n !== current
    ? h('a', { href: link({ ...query, page: n }), id, className: 'button secondary' }, label)
    : h('span', { className: 'button secondary disabled', 'aria-disabled': 'true' }, label));
  return h('nav', { className: 'pager', 'aria-label': t('order.pages') },
    to(current - 1, t('order.prev'), 'page-prev'),
    h('span', { id: 'page-info' }, t('order.pageOf', { page: current, last, total: page.total ?? 0 })),
    to(current + 1, t('order.next'), 'page-next'));
}

const CSV_COLUMNS = [
  ['order_code', (o) => o.order_code], ['external_id', (o) => o.external_id], ['guid', (o) => o.guid], ['order_at', (o) => o.order_at],
  ['type', (o) => o.type], ['status', (o) => o.status_name], ['customer_external_id', (o) => o.customer?.external_id],
  ['customer_name', (o) => o.customer?.fullname], ['items', itemsText], ['price', (o) => o.price], ['tax', (o) => o.tax],
  ['payment_cost', (o) => o.payment_cost], ['total', (o) => o.total], ['currency', (o) => o.currency_code], ['payment_type', (o) => o.payment_type],
];

/** The Excel the file is for: `;` and decimal commas where the decimal separator is a comma (Turkish), else `,`. */
const CSV_DIALECTS = [['excelComma', 'order.csvExcelComma'], ['excelPoint', 'order.csvExcelPoint']];

async function exportCsv(query, dialect, status) {
  const { DIALECTS, formatCsv } = await import('minted-connect/csv');
  const { page: _page, total: _size, ...filters } = query;
  const rows = [CSV_COLUMNS.map(([name]) => name)];
  for await (const order of api().listOrders({ ...filters, total: 30 })) rows.push(CSV_COLUMNS.map(([, value]) => value(order)));
  const blob = new Blob([formatCsv(rows, DIALECTS[dialect])], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `orders-${isoDay(0)}.csv`, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  status.replaceChildren(h('p', { className: 'ok' }, t('order.exported', { count: rows.length - 1 })));
}

export function render(main, { query: params }) {
  const query = toQuery(params);
  const list = live('orders-list');
  const exportStatus = live('export-status');
  const dialect = h('select', { id: 'export-dialect', 'aria-label': t('order.csvFor'), value: language() === 'tr' ? 'excelComma' : 'excelPoint' },
    CSV_DIALECTS.map(([name, label]) => h('option', { value: name }, t(label))));
  const exportButton = h('button', { type: 'button', id: 'export-csv', className: 'secondary', onclick: async () => {
    exportButton.disabled = true;
    exportStatus.replaceChildren(h('p', { className: 'muted' }, t('order.exporting')));
    try {
      await exportCsv(query, dialect.value, exportStatus);
    } catch (err) {
      exportStatus.replaceChildren(errorBox(err));
    } finally {
      exportButton.disabled = false;
    }
  } }, t('order.export'));
  main.replaceChildren(h('h1', { tabIndex: -1 }, t('order.title')),
    section(t('order.filters'), filterForm(query)),
    h('section', {}, h('div', { className: 'row spread' }, h('h2', {}, t('order.list')), h('div', { className: 'row export' }, dialect, exportButton)), exportStatus, list));
  load(list, async () => {
    const page = await api().getOrders(query);
    return h('div', {}, ordersTable(page, query), pager(page, query));
  });
}
