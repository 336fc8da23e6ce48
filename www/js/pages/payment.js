// How an order is paid, for trade and delivery forms: from the cash wallet, by a new card, or by a stored card.
// For a card, the BIN (first 6 digits; for a stored card, of its masked number) is queried and the installment
// plans with their commission are offered. Card numbers and CVVs stay in their inputs; stored cards are shown masked
// and their tokens never reach the DOM.
import { field } from '../form.js';
import { t } from '../i18n.js';
import { api, demoSandbox, settings } from '../session.js';
import { errorBox, h, money, uid } from '../ui.js';

const digits = (value) => String(value ?? '').replace(/\D/g, '');

/**
 * `cards`: the customer's stored cards; `amount()`: what will be charged (for installment amounts);
 * `currency()`: its currency. Returns { node, apply(body), refresh() }: put `node` inside the form, call
 * `apply(body)` from the form's toBody, and `refresh()` when the amount changes.
 */
export function paymentChoice({ cards = [], amount, currency }) {
  const options = [['cash', t('pay.cash')], ['card', t('pay.newCard')]];
  if (cards.length) options.push(['stored', t('pay.storedCard')]);
  const choice = field({ name: 'pay', label: t('pay.method'), type: 'radio', options, value: 'cash', 'data-skip': '' });
  const ip = () => field({ name: 'payment.customer_ip', label: t('pay.ip'), value: settings.clientIp, hint: t('pay.ipHint'), autocomplete: 'off' });
  const cvv = () => field({ name: 'payment.card_cvv', label: t('pay.cvv'), inputmode: 'numeric', autocomplete: 'cc-csc', maxLength: 4 });
  const newCard = h('fieldset', { className: 'group', id: uid('new-card'), disabled: true, hidden: true },
    h('legend', {}, t('pay.newCard')),
    field({ name: 'payment.card_holder', label: t('card.holder'), autocomplete: 'cc-name' }),
    field({ name: 'payment.card_number', label: t('card.number'), inputmode: 'numeric', autocomplete: 'cc-number' }),
    field({ name: 'payment.card_expiry', label: t('card.expiry'), placeholder: 'MM/YY', autocomplete: 'cc-exp' }),
    cvv(), ip());
  const stored = h('fieldset', { className: 'group', id: uid('stored-card'), disabled: true, hidden: true },
    h('legend', {}, t('pay.storedCard')),
    field({ name: 'stored', label: t('pay.whichCard'), type: 'select', 'data-skip': '',
      options: cards.map((c, i) => [String(i), `${c.masked_number ?? '—'}${c.alias ? ` (${c.alias})` : ''}`]) }),
    cvv(), ip());
  const binInfo = h('div', { className: 'bin', 'aria-live': 'polite' });
  const node = h('div', { className: 'payment' }, choice, newCard, stored, binInfo);
  let lastQuery = '';
  let timer = null;

  const method = () => node.querySelector('input[name=pay]:checked')?.value ?? 'cash';
  const bin = () => (method() === 'card'
    ? digits(newCard.querySelector('[name="payment.card_number"]').value).slice(0, 6)
    : method() === 'stored' ? digits(cards[Number(stored.querySelector('[name=stored]').value)]?.masked_number).slice(0, 6) : '');

  async function queryBin() {
    const number = bin();
    const total = Number(amount()) || undefined;
    const key = `${number}:${total}`;
    if (number.length < 6) { binInfo.replaceChildren(); lastQuery = ''; return; }
    if (key === lastQuery) return;
    lastQuery = key;
    try {
      const info = await api().cardPaymentBinQuery(total ? { bin: number, amount: total } : { bin: number });
      if (lastQuery !== key) return; // a newer query is on its way
      const name = uid('installment');
      binInfo.replaceChildren(
        h('p', { className: 'bin-card' }, [info.bank_name, info.card_association, info.card_type && t(`pay.type.${info.card_type}`, {}, info.card_type)].filter(Boolean).join(' · ')),
        h('fieldset', { className: 'installments', 'data-field': 'payment.installment' },
          h('legend', {}, t('pay.installments')),
          info.installments.map((plan, i) => h('label', { className: 'plan' },
            h('input', { type: 'radio', name: 'payment.installment', value: String(plan.count), checked: i === 0, 'data-number': '', id: `${name}-${plan.count}` }),
            h('span', {}, plan.count === 1 ? t('pay.single') : t('pay.times', { n: plan.count })),
            h('span', { className: 'muted' }, t('pay.commission', { rate: plan.commission_rate ?? 0, fee: money(plan.commission, currency()) })),
            h('span', {}, plan.count > 1 ? t('pay.perMonth', { each: money(plan.installment_amount, currency()) }) : ''),
            h('strong', {}, money(plan.total, currency())))),
          h('small', { className: 'msg' })));
    } catch (err) {
      if (lastQuery === key) binInfo.replaceChildren(errorBox(err));
    }
  }
  const refresh = () => { clearTimeout(timer); timer = setTimeout(queryBin, 250); };

  node.addEventListener('change', (event) => {
    if (event.target.name !== 'pay') return;
    for (const [set, when] of [[newCard, 'card'], [stored, 'stored']]) {
      set.disabled = method() !== when;
      set.hidden = method() !== when;
    }
    refresh();
  });
  node.addEventListener('input', (event) => {
    if (event.target.name === 'payment.card_number' || event.target.name === 'stored') refresh();
  });

  /** Completes a request body: `payment_type`, and for a stored card its token (from memory, not the DOM). */
  function apply(body) {
    if (method() === 'cash') {
      delete body.payment;
      body.payment_type = 'cash';
      return body;
    }
    body.payment_type = 'creditcard';
    body.payment ??= {};
    if (method() === 'stored') body.payment.card_token = cards[Number(stored.querySelector('[name=stored]').value)]?.card_token ?? '';
    return body;
  }
  return { node, apply, refresh, method };
}

/** What a payment waiting for 3-D Secure offers: the link to the bank's page; in demo mode, a button with which the
 * in-page sandbox plays the card holder there. */
export function threeDsAction(redirectUrl, linkId = undefined) {
  const sandbox = demoSandbox();
  if (!sandbox) return h('a', { href: redirectUrl, target: '_blank', rel: 'noopener', id: linkId }, t('pay.threeDsOpen'));
  const button = h('button', { type: 'button', id: 'three-ds-demo', onclick: async () => {
    button.disabled = true;
    try {
      await sandbox.admin.complete3ds(redirectUrl);
      button.replaceWith(h('span', { id: 'three-ds-done' }, t('pay.threeDsDone')));
    } catch (err) {
      button.replaceWith(errorBox(err));
    }
  } }, t('pay.threeDsDemo'));
  return button;
}
