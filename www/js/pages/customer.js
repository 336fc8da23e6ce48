// #/customers/<external_id>: the profile (with edit), wallets, the 7-day balance chart, and the account sections
// (KYC, stored cards, cash) from customer-accounts.js.
import { lineChart } from '../chart.js';
import { liveForm, rulesOf } from '../form.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { balance, details, errorBox, h, live, load, money, section, table } from '../ui.js';
import { cardsSection, cashSection, kycSection } from './customer-accounts.js';
import { personFields } from './customers.js';

function profileView(customer, onEdit) {
  const pairs = [
    [t('cust.name'), customer.fullname || [customer.firstname, customer.middlename, customer.lastname].filter(Boolean).join(' ')],
    [t('cust.externalId'), customer.external_id],
    customer.company_name ? [t('cust.company'), customer.company_name] : null,
    [t('cust.email'), customer.email],
    [t('cust.phone'), customer.phone],
    [t('cust.gender'), customer.gender === 'F' ? t('cust.female') : customer.gender === 'M' ? t('cust.male') : customer.gender],
    [customer.company_name ? t('cust.vkn') : t('cust.tckn'), customer.identity_number],
    [t('cust.birthdate'), customer.birthdate],
  ].filter(Boolean);
  return h('div', { id: 'profile-view' }, details(pairs), h('button', { type: 'button', id: 'edit-profile', onclick: onEdit }, t('common.edit')));
}

function editForm(id, customer, done) {
  const result = live('edit-result');
  const form = liveForm({
    id: 'edit-profile-form',
    fields: personFields(customer),
    submit: t('common.save'),
    validate: rulesOf('updateCustomer'),
    onSubmit: async (body) => {
      try {
        await api().updateCustomer(id, body);
        done(true);
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
    extra: h('button', { type: 'button', className: 'secondary', onclick: () => done(false) }, t('common.cancel')),
  });
  return h('div', {}, form, result);
}

function walletTable(wallets) {
  return table([
    { label: t('cust.wallet'), value: (w) => w.name ?? '' },
    { label: t('common.currency'), value: (w) => w.currency_code },
    { label: t('cust.balance'), className: 'number', value: balance },
    { label: t('common.blocked'), className: 'number', value: (w) => balance({ ...w, balance: w.blocked ?? 0 }) },
  ], wallets, { caption: t('cust.wallets'), id: 'wallet-table' });
}

function weekChart(stats, host) {
  const days = stats.days ?? [];
  const currency = stats.currency ?? '';
  const points = days.map((d) => ({ x: Date.parse(`${d.date}T12:00:00Z`), y: d.total_value ?? 0 }));
  const first = days[0];
  const last = days.at(-1);
  const chart = lineChart({
    label: t('cust.weekChart', { currency }),
    summary: last ? t('cust.weekSummary', { from: first.date, to: last.date, start: money(first.total_value, currency), end: money(last.total_value, currency) }) : '',
    width: Math.max(280, host.clientWidth || 600),
    series: [{ name: t('cust.totalValue', { currency }), className: 'total', points }],
    formatX: (x) => new Date(x).toISOString().slice(5, 10),
    formatY: (y) => money(y),
  });
  const codes = [...new Set(days.flatMap((d) => d.balances.map((b) => b.currency_code)))];
  const rows = h('details', {}, h('summary', {}, t('cust.weekTable')), table([
    { label: t('common.date'), value: (d) => d.date },
    ...codes.map((code) => ({ label: code, className: 'number', value: (d) => balance({ currency_code: code, balance: d.balances.find((b) => b.currency_code === code)?.balance }) })),
    { label: t('cust.totalValue', { currency }), className: 'number', value: (d) => money(d.total_value) },
  ], days, { caption: t('cust.weekTable') }));
  return h('div', {}, chart, rows);
}

export function render(main, { params: [id] }) {
  const profile = live('profile');
  const wallets = live('wallets');
  const week = h('div', { id: 'week-chart', className: 'chart-host', 'aria-live': 'polite' });
  const heading = h('h1', { tabIndex: -1 }, t('cust.customer', { id }));
  const rest = h('div', { id: 'customer-sections' });
  let first = true;
  const reload = () => load(profile, async () => {
    const customer = await api().getCustomer(id);
    heading.textContent = `${customer.fullname || customer.external_id} · ${customer.external_id}`;
    wallets.replaceChildren(walletTable(customer.wallets));
    if (first) {
      // the other sections only once the customer is known to exist
      first = false;
      rest.replaceChildren(section(t('cust.wallets'), wallets, h('h3', {}, t('cust.week')), week), kycSection(id), cardsSection(id), cashSection(id, reload));
      load(week, async () => weekChart(await api().getCustomerBalance7dStats(id), week));
    }
    const view = () => profileView(customer, () => {
      profile.replaceChildren(editForm(id, customer, (saved) => {
        if (saved) return reload();
        profile.replaceChildren(view());
        return profile.querySelector('#edit-profile').focus();
      }));
      profile.querySelector('input')?.focus();
    });
    return view();
  }, { keep: !first });
  const links = h('p', { className: 'row links' },
    h('a', { href: `#/trade?customer=${encodeURIComponent(id)}` }, t('cust.tradeFor')),
    h('a', { href: `#/orders?customer_external_id=${encodeURIComponent(id)}` }, t('cust.ordersOf')),
    h('a', { href: `#/delivery?customer=${encodeURIComponent(id)}` }, t('cust.deliveryFor')));
  main.replaceChildren(heading, links, section(t('cust.profile'), profile), rest);
  reload();
}
