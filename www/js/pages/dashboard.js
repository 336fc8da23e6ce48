// #/: the partner's wallets, buy/sell/delivery totals for a period, and live product prices that refresh on an
// interval; every refresh adds a point to the price chart, which keeps growing while the page is open.
import { lineChart } from '../chart.js';
import { field, liveForm, rulesOf } from '../form.js';
import { t } from '../i18n.js';
import { api, settings } from '../session.js';
import { balance, details, grams, h, isoDay, live, load, money, section, table, time } from '../ui.js';

const CURRENCIES = ['GBP', 'USD', 'EUR', 'TRY'];
/** Price history of this page's life: `${currency}:${sku}` → [{ x: time, buy, sell }]. Survives navigation. */
const history = new Map();
const view = { currency: 'GBP', sku: 'GAU', seconds: null, previous: new Map() };

function record(prices) {
  const now = Date.now();
  for (const p of prices) {
    const key = `${p.currency ?? view.currency}:${p.sku}`;
    const points = history.get(key) ?? [];
    points.push({ x: now, buy: p.buy_price, sell: p.sell_price });
    history.set(key, points.slice(-500));
  }
}

function priceTable(prices) {
  const arrow = (p) => {
    const before = view.previous.get(`${p.currency}:${p.sku}`);
    if (before === undefined || before === p.buy_price) return '';
    return p.buy_price > before ? h('span', { className: 'up', title: t('dash.up') }, ' ▲') : h('span', { className: 'down', title: t('dash.down') }, ' ▼');
  };
  return table([
    { label: t('common.product'), value: (p) => h('span', {}, h('strong', {}, p.sku), ' ', h('span', { className: 'muted' }, p.product_name ?? '')) },
    { label: t('dash.buy'), className: 'number', value: (p) => h('span', {}, money(p.buy_price, p.currency), arrow(p)) },
    { label: t('dash.sell'), className: 'number', value: (p) => money(p.sell_price, p.currency) },
    { label: t('dash.spot'), className: 'number', value: (p) => money(p.spot_price, p.currency) },
  ], prices, { caption: t('dash.prices'), id: 'price-table' });
}

function chart(host) {
  const points = history.get(`${view.currency}:${view.sku}`) ?? [];
  const last = points.at(-1);
  host.replaceChildren(lineChart({
    label: t('dash.chartLabel', { sku: view.sku, currency: view.currency }),
    summary: last ? t('dash.chartSummary', { count: points.length, buy: money(last.buy, view.currency), sell: money(last.sell, view.currency) }) : '',
    width: Math.max(280, host.clientWidth || 600),
    series: [
      { name: t('dash.buy'), className: 'buy', points: points.map((p) => ({ x: p.x, y: p.buy })) },
      { name: t('dash.sell'), className: 'sell', points: points.map((p) => ({ x: p.x, y: p.sell })) },
    ],
    formatX: (x) => time(new Date(x)),
    formatY: (y) => money(y),
  }));
  host.dataset.points = String(points.length);
}

function statsForm(target) {
  const show = (stats) => details([
    [t('dash.period'), `${stats.start_date ?? '—'} → ${stats.end_date ?? '—'}`],
    ...['buy', 'sell', 'delivery'].map((kind) => [t(`dash.${kind}Totals`),
      t('dash.countTotal', { count: stats[kind]?.count ?? 0, total: money(stats[kind]?.total, stats.currency) })]),
  ]);
  const form = liveForm({
    id: 'stats-form',
    fields: [field({ name: 'start_date', label: t('common.from'), type: 'date', value: isoDay(30) }),
      field({ name: 'end_date', label: t('common.to'), type: 'date', value: isoDay(0) })],
    submit: t('common.show'),
    validate: rulesOf('getBalanceStats'),
    onSubmit: (body) => load(target, async () => show(await api().getBalanceStats(body))),
  });
  load(target, async () => show(await api().getBalanceStats({ start_date: isoDay(30), end_date: isoDay(0) })));
  return form;
}

export function render(main) {
  const wallets = live('partner-wallets');
  const stats = live('balance-stats');
  const prices = h('div', { id: 'prices' });
  const chartHost = h('div', { id: 'price-chart', className: 'chart-host' });
  const updated = h('p', { className: 'muted', id: 'prices-updated' });
  const seconds = view.seconds ?? settings.priceRefreshSeconds;
  let timer = null;

  async function refreshPrices() {
    try {
      const list = await api().getProductPrices({ currency: view.currency });
      record(list);
      prices.replaceChildren(priceTable(list));
      for (const p of list) view.previous.set(`${p.currency}:${p.sku}`, p.buy_price);
      const skus = list.map((p) => p.sku);
      if (!skus.includes(view.sku)) view.sku = skus[0];
      skuSelect.replaceChildren(...skus.map((s) => h('option', { value: s, selected: s === view.sku }, s)));
      chart(chartHost);
      updated.textContent = t('dash.updated', { time: time() });
    } catch (err) {
      await load(prices, () => Promise.reject(err));
    }
  }
  const restart = (every) => {
    clearInterval(timer);
    timer = setInterval(refreshPrices, every * 1000);
  };
  const skuSelect = h('select', { id: 'chart-sku', onchange: (e) => { view.sku = e.target.value; chart(chartHost); } });
  const controls = h('div', { className: 'row' },
    h('label', {}, t('common.currency'), ' ', h('select', { id: 'price-currency', value: view.currency, onchange: (e) => { view.currency = e.target.value; refreshPrices(); } },
      CURRENCIES.map((c) => h('option', { value: c }, c)))),
    h('label', {}, t('dash.refreshEvery'), ' ', h('select', { id: 'price-refresh', value: String(seconds), onchange: (e) => { view.seconds = Number(e.target.value); restart(view.seconds); } },
      [...new Set([1, 5, 10, 30, 60, seconds])].sort((a, b) => a - b).map((s) => h('option', { value: String(s) }, t('dash.seconds', { n: s }))))),
    h('label', {}, t('dash.chartProduct'), ' ', skuSelect));

  main.replaceChildren(
    h('h1', { tabIndex: -1 }, t('dash.title')),
    section(t('dash.wallets'), wallets),
    section(t('dash.stats'), statsForm(stats), stats),
    section(t('dash.prices'), controls, updated, prices, h('h3', {}, t('dash.chart')), chartHost));

  load(wallets, async () => {
    const list = await api().getPartnerBalance();
    return h('ul', { className: 'tiles' }, list.map((w) => h('li', {},
      h('span', { className: 'muted' }, `${w.name ?? ''} (${w.currency_code})`), h('strong', {}, balance(w)),
      w.blocked ? h('small', {}, `${t('common.blocked')}: ${w.is_cash ? money(w.blocked) : grams(w.blocked)}`) : null)));
  });
  chart(chartHost);
  refreshPrices();
  restart(seconds);
  return () => clearInterval(timer);
}
