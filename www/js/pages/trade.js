// #/trade: price fix (for a customer, or the partner itself) → the quote, counting down → buy or sell by grams or
// by money, paid from cash or by card → the receipt. The state lives here while the page is open, so a language
// switch or a trip to another page keeps the quote and the receipt.
import { MintedError } from 'minted-connect';
import { field, liveForm, readBody, rulesOf } from '../form.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { details, errorBox, grams, h, live, money, newExternalId, section, statusName, table } from '../ui.js';
import { legalNote } from './legal.js';
import { paymentChoice, threeDsAction } from './payment.js';

const CURRENCIES = ['', 'GBP', 'USD', 'EUR', 'TRY'];
const state = { quote: null, used: false, customer: null, cards: [], receipt: null, preview: null };

/** The order-customer block of a B2B2C buy, from the customer record. */
function orderCustomer(c) {
  const block = { external_id: c.external_id, identity_number: c.identity_number, firstname: c.firstname, middlename: c.middlename || undefined, lastname: c.lastname, email: c.email, phone: c.phone, gender: c.gender || undefined, birthdate: c.birthdate || undefined };
  return Object.fromEntries(Object.entries(block).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** What an expired quote looks like where it stopped something: why, and the one click that fixes it. */
function expiredNotice(onRefresh, where) {
  return h('div', { className: 'error', role: 'alert', id: `${where}-expired` },
    h('p', {}, h('strong', {}, t('trade.expired')), ' ', t('trade.expiredWhy')),
    h('button', { type: 'button', id: `${where}-refresh`, onclick: onRefresh }, t('trade.refresh')));
}

function quoteView(quote, onRefresh) {
  const prices = table([
    { label: t('common.product'), value: (p) => p.sku },
    { label: t('dash.buy'), className: 'number', value: (p) => money(p.buy_price, quote.currency) },
    { label: t('dash.sell'), className: 'number', value: (p) => money(p.sell_price, quote.currency) },
    quote.data.is_total_price ? { label: t('trade.buyAmount'), className: 'number', value: (p) => grams(p.buy_amount) } : null,
  ].filter(Boolean), quote.prices, { caption: t('trade.quote'), id: 'quote-prices' });
  return h('div', {},
    details([[t('trade.for'), state.customer ? `${state.customer.fullname ?? ''} (${state.customer.external_id})` : t('trade.partner')],
      [t('common.currency'), quote.currency ?? '—'], [t('trade.token'), h('code', {}, `${quote.token.slice(0, 6)}…`)]]),
    h('p', { className: 'countdown' }, h('span', { id: 'quote-countdown', role: 'timer' }), ' ',
      h('progress', { id: 'quote-progress', max: quote.data.expire_ttl ?? 240, value: quote.remainingSeconds(), 'aria-hidden': 'true' }),
      ' ', h('button', { type: 'button', id: 'refresh-quote', className: 'secondary', onclick: onRefresh }, t('trade.refresh'))),
    prices);
}

function receiptView(receipt) {
  const { response, external_id, side } = receipt;
  const payment = response.payment ?? response.orders?.[0]?.payment;
  const currency = response.orders?.[0]?.currency_code;
  return h('div', { id: 'receipt-card', className: 'card' },
    h('h3', { tabIndex: -1 }, t(side === 'sell' ? 'trade.soldTitle' : 'trade.boughtTitle')),
    details([
      [t('order.code'), h('strong', { id: 'receipt-code' }, (response.order_code ?? []).join(', '))],
      [t('order.externalId'), h('code', { id: 'receipt-external-id' }, external_id)],
      [t('order.status'), statusName(response.orders?.[0]?.status_name)],
      [t('order.items'), (response.orders ?? []).flatMap((o) => o.items).map((i) => `${grams(i.amount)} ${i.sku ?? ''}`).join(', ')],
      [t('order.total'), money(response.total, currency)],
      payment ? [t('pay.state'), payment.state ?? '—'] : null,
      payment?.total ? [t('pay.charged'), `${money(payment.total, currency)}${payment.comission ? ` (${t('pay.fee')} ${money(payment.comission, currency)})` : ''}`] : null,
    ].filter(Boolean)),
    payment?.is_3d && payment.redirect_url ? h('div', { className: 'notice', id: 'three-ds' },
      h('p', {}, t('pay.threeDs')),
      h('p', {}, threeDsAction(payment.redirect_url, 'three-ds-link'))) : null,
    h('p', { className: 'row' }, h('a', { href: `#/orders/${encodeURIComponent(external_id)}`, id: 'receipt-order-link' }, t('trade.openOrder'))));
}

function orderForm(quote, { onOrder, onExpired }) {
  const result = live('order-result');
  const skus = quote.prices.map((p) => p.sku);
  const preview = h('p', { className: 'preview', id: 'order-preview', 'aria-live': 'polite' });
  const payment = paymentChoice({ cards: state.cards, amount: () => state.preview?.total, currency: () => state.quote?.currency });
  const payBox = h('div', { id: 'pay-box' }, payment.node);
  const value = (form, name) => form.querySelector(`[name="${name}"]:checked`)?.value ?? form.elements[name]?.value;
  const by = (form) => value(form, 'by');
  const side = (form) => value(form, 'side');
  const request = (form) => {
    const raw = readBody(form);
    const amount = by(form) === 'total' ? state.preview?.amount : raw.amount;
    const body = { price_token: state.quote.token, external_id: raw.external_id, items: [{ sku: raw.sku, amount }] };
    if (side(form) === 'sell') return body;
    if (state.customer) body.customer = orderCustomer(state.customer);
    return payment.apply({ ...body, payment: raw.payment });
  };
  let timer = null;
  /** Prices the order line at the quote (grams for money, money for grams); `calculatePrice` gives both. */
  const price = (form) => {
    const raw = readBody(form);
    const line = by(form) === 'total' ? { sku: raw.sku, total: raw.total } : { sku: raw.sku, amount: raw.amount };
    return Number(line.total ?? line.amount) > 0 ? api().calculatePrice({ price_token: state.quote.token, side: side(form), items: [line] }) : null;
  };
  const calculate = (form) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const priced = await price(form);
        if (!priced) { state.preview = null; preview.replaceChildren(); return; }
        const item = priced.items[0];
        state.preview = { amount: item.amount, total: priced.total ?? item.total };
        preview.replaceChildren(t('trade.preview', { grams: grams(item.amount), sku: item.sku, unit: money(item.unit_price, priced.currency), total: money(state.preview.total, priced.currency) }));
        payment.refresh();
        form.revalidate();
      } catch (err) {
        state.preview = null;
        if (err instanceof MintedError && err.code === 'quote_expired') preview.replaceChildren(expiredNotice(onExpired, 'preview'));
        else preview.replaceChildren(errorBox(err));
      }
    }, 200);
  };
  const form = liveForm({
    id: 'order-form',
    fields: [
      field({ name: 'side', label: t('trade.side'), type: 'radio', value: 'buy', options: [['buy', t('trade.buy')], ['sell', t('trade.sell')]], 'data-skip': '' }),
      field({ name: 'sku', label: t('common.product'), type: 'select', value: skus[0], options: skus.map((s) => [s, t(`sku.${s}`, {}, s)]) }),
      field({ name: 'by', label: t('trade.by'), type: 'radio', value: 'amount', options: [['amount', t('trade.byAmount')], ['total', t('trade.byTotal')]], 'data-skip': '' }),
      field({ name: 'amount', label: t('trade.amount'), type: 'number', min: 0, step: '0.0001', inputmode: 'decimal' }),
      field({ name: 'total', label: t('trade.total', { currency: quote.currency ?? '' }), type: 'number', min: 0, step: '0.01', inputmode: 'decimal', disabled: true }),
      preview, payBox,
      field({ name: 'external_id', label: t('order.externalId'), value: newExternalId('ord'), hint: t('trade.externalIdHint') }),
    ],
    submit: t('trade.place'),
    toBody: request,
    validate: (body) => {
      let issues = rulesOf(side(form) === 'sell' ? 'sellDigital' : 'buyDigital')(body);
      const total = readBody(form).total;
      if (by(form) === 'total' && total !== undefined) {
        // the grams come from the total when the order is placed; the total itself follows calculatePrice's rules
        issues = issues.filter((i) => !(i.path === 'items[0].amount' && i.code === 'required'));
        issues.push(...rulesOf('calculatePrice')({ price_token: body.price_token, items: [{ sku: body.items[0].sku, total }] }).filter((i) => i.path === 'items[0].total'));
      }
      return issues;
    },
    paths: (path) => ({ 'items[0].amount': by(form) === 'total' ? 'total' : 'amount', 'items[0].total': 'total', 'items[0].sku': 'sku' })[path],
    onSubmit: async (body) => {
      if (state.used) { result.replaceChildren(h('p', { className: 'error', role: 'alert' }, t('trade.used'))); return; }
      if (state.quote.isExpired()) { result.replaceChildren(expiredNotice(onExpired, 'order')); return; }
      result.replaceChildren(h('p', { className: 'muted' }, t('common.sending')));
      try {
        const sell = side(form) === 'sell';
        if (by(form) === 'total') body.items[0].amount = (await price(form)).items[0].amount; // never a stale preview
        const response = sell ? await api().sellDigital(body) : await api().buyDigital(body);
        result.replaceChildren();
        for (const name of ['payment.card_cvv', 'payment.card_number']) for (const el of form.querySelectorAll(`[name="${name}"]`)) el.value = '';
        form.elements.external_id.value = newExternalId('ord');
        onOrder({ response, external_id: body.external_id, side: sell ? 'sell' : 'buy' });
      } catch (err) {
        if (err instanceof MintedError && err.code === 'quote_expired') result.replaceChildren(expiredNotice(onExpired, 'order'));
        else result.replaceChildren(errorBox(err));
      }
    },
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'by') {
      const total = by(form) === 'total';
      form.elements.amount.disabled = total;
      form.elements.total.disabled = !total;
    }
    if (event.target.name === 'side') payBox.hidden = side(form) === 'sell';
  });
  form.addEventListener('input', (event) => {
    if (['amount', 'total', 'sku', 'side', 'by'].includes(event.target.name)) calculate(form);
  });
  form.requote = () => calculate(form);
  return h('div', {}, form, result, legalNote('terms'));
}

export function render(main, { query }) {
  const quoteBox = h('div', { id: 'quote', 'aria-live': 'polite' });
  const orderBox = h('div', { id: 'order' });
  const receiptBox = live('receipt');
  const fixResult = live('pricefix-result');
  let form = null;
  let ticker = null;
  const refreshQuote = async () => {
    try {
      state.quote = await state.quote.refresh();
      state.used = false;
      showQuote();
      orderBox.querySelector('#order-result')?.replaceChildren(h('p', { className: 'ok' }, t('trade.refreshed')));
      form?.requote();
    } catch (err) {
      fixResult.replaceChildren(errorBox(err));
    }
  };
  const tick = () => {
    const label = quoteBox.querySelector('#quote-countdown');
    if (!label) return;
    const left = state.quote.remainingSeconds(); // whole seconds, rounded down: 0 while less than one is left
    const expired = state.quote.isExpired();
    label.textContent = state.used ? t('trade.usedShort') : expired ? t('trade.expired') : left > 0 ? t('trade.validFor', { n: left }) : t('trade.lastSecond');
    label.className = state.used || expired ? 'expired' : left < 20 ? 'soon' : '';
    quoteBox.querySelector('#quote-progress').value = left;
  };
  const showQuote = () => {
    quoteBox.replaceChildren(state.quote ? quoteView(state.quote, refreshQuote) : h('p', { className: 'muted' }, t('trade.noQuote')));
    tick();
  };
  const showOrder = () => {
    const built = state.quote ? orderForm(state.quote, {
      onOrder: (receipt) => { state.receipt = receipt; state.used = true; tick(); receiptBox.replaceChildren(receiptView(receipt)); receiptBox.querySelector('h3').focus(); },
      onExpired: refreshQuote,
    }) : null;
    form = built?.querySelector('form') ?? null;
    orderBox.replaceChildren(built ?? '');
  };
  const fix = liveForm({
    id: 'pricefix-form',
    fields: [
      field({ name: 'target', label: t('trade.target'), type: 'radio', value: query.get('customer') || !query.has('partner') ? 'customer' : 'partner', options: [['customer', t('trade.customer')], ['partner', t('trade.partnerB2B')]], 'data-skip': '' }),
      field({ name: 'customer_external_id', label: t('cust.externalId'), value: query.get('customer') ?? state.customer?.external_id ?? '', autocomplete: 'off' }),
      field({ name: 'currency', label: t('common.currency'), type: 'select', value: state.quote?.data?.currency ?? '', options: CURRENCIES.map((c) => [c, c || t('trade.defaultCurrency')]) }),
    ],
    submit: t('trade.fix'),
    toBody: (f) => ({ type: 'digital', ...readBody(f) }),
    validate: (body) => {
      const issues = rulesOf('priceFix')(body);
      // for a customer, the id is required: the rules and messages of a customer's external_id
      if (fix.querySelector('[name=target]:checked').value === 'customer' && body.customer_external_id === undefined) {
        issues.push(...rulesOf('createCustomer')({ external_id: '' }).filter((i) => i.path === 'external_id').map((i) => ({ ...i, path: 'customer_external_id' })));
      }
      return issues;
    },
    onSubmit: async (body) => {
      fixResult.replaceChildren(h('p', { className: 'muted' }, t('common.loading')));
      try {
        const id = body.customer_external_id;
        const [quote, customer, cards] = await Promise.all([api().priceFix(body), id ? api().getCustomer(id) : null, id ? api().listStoredCards({ customer_external_id: id }) : []]);
        Object.assign(state, { quote, customer, cards, used: false, preview: null, receipt: null });
        fixResult.replaceChildren();
        receiptBox.replaceChildren();
        showQuote();
        showOrder();
      } catch (err) {
        fixResult.replaceChildren(errorBox(err));
      }
    },
  });
  const customerField = fix.querySelector('[data-field=customer_external_id] input');
  const syncTarget = () => { customerField.disabled = fix.querySelector('[name=target]:checked').value === 'partner'; };
  fix.addEventListener('change', syncTarget);
  syncTarget();
  main.replaceChildren(h('h1', { tabIndex: -1 }, t('trade.title')),
    section(t('trade.priceFix'), fix, fixResult),
    section(t('trade.quote'), quoteBox),
    section(t('trade.order'), orderBox),
    section(t('trade.receipt'), receiptBox));
  showQuote();
  showOrder();
  if (state.receipt) receiptBox.replaceChildren(receiptView(state.receipt));
  ticker = setInterval(tick, 1000);
  return () => clearInterval(ticker);
}
