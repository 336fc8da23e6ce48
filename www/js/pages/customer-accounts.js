// The account sections of a customer page: wallet KYC (view and upsert), stored cards (list, add, delete; only
// masked numbers are ever shown) and cash balance adjustments (deposit, withdraw).
import { field, liveForm, readBody, rulesOf } from '../form.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { confirmButton, details, errorBox, h, live, load, money, newExternalId, section, table } from '../ui.js';

export function kycSection(id) {
  const current = live('kyc-current');
  const result = live('kyc-result');
  const show = () => load(current, async () => {
    const kyc = await api().getCustomerWalletKyc(id);
    return h('div', { id: 'kyc-view' }, details([
      [t('kyc.status'), h('span', { className: `badge ${kyc.status}` }, t(`kyc.${kyc.status}`, {}, kyc.status))],
      [t('kyc.level'), kyc.level ?? '—'], [t('kyc.reference'), kyc.reference], [t('kyc.verifiedAt'), kyc.verified_at], [t('kyc.updatedAt'), kyc.updated_at]]));
  });
  const form = liveForm({
    id: 'kyc-form',
    fields: [
      field({ name: 'status', label: t('kyc.status'), type: 'select', value: 'verified', options: ['pending', 'verified', 'rejected'].map((s) => [s, t(`kyc.${s}`)]) }),
      field({ name: 'level', label: t('kyc.level'), type: 'number', min: 0, max: 3, step: 1, value: '2' }),
      field({ name: 'reference', label: t('kyc.reference'), autocomplete: 'off' }),
      field({ name: 'verified_at', label: t('kyc.verifiedAt'), placeholder: '2026-01-31T10:00:00Z' }),
    ],
    submit: t('kyc.save'),
    validate: rulesOf('upsertCustomerWalletKyc'),
    onSubmit: async (body) => {
      try {
        const saved = await api().upsertCustomerWalletKyc(id, body);
        result.replaceChildren(h('p', { className: 'ok' }, t('kyc.saved', { status: t(`kyc.${saved.status}`, {}, saved.status), level: saved.level ?? '—' })));
        show();
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
  show();
  return section(t('kyc.title'), current, h('h3', {}, t('kyc.update')), form, result);
}

export function cardsSection(id) {
  const list = live('card-list');
  const result = live('card-result');
  const show = () => load(list, async () => {
    const cards = await api().listStoredCards({ customer_external_id: id });
    return table([
      { label: t('card.number'), value: (c) => h('code', {}, c.masked_number ?? '—') },
      { label: t('card.holder'), value: (c) => c.card_holder ?? '' },
      { label: t('card.expiry'), value: (c) => c.card_expiry ?? '' },
      { label: t('card.association'), value: (c) => c.card_association ?? '' },
      { label: t('card.alias'), value: (c) => c.alias ?? '' },
      { label: t('common.actions'), value: (c) => confirmButton(t('card.delete'), t('card.confirmDelete', { card: c.masked_number ?? '' }), async () => {
        try {
          await api().deleteStoredCard({ customer_external_id: id, card_token: c.card_token });
          result.replaceChildren(h('p', { className: 'ok' }, t('card.deleted', { card: c.masked_number ?? '' })));
        } catch (err) {
          result.replaceChildren(errorBox(err));
        }
        show();
      }) },
    ], cards, { caption: t('card.title'), id: 'card-table' });
  });
  const form = liveForm({
    id: 'add-card-form',
    fields: [
      field({ name: 'card_holder', label: t('card.holder'), autocomplete: 'cc-name' }),
      field({ name: 'card_number', label: t('card.number'), inputmode: 'numeric', autocomplete: 'cc-number' }),
      field({ name: 'card_expiry', label: t('card.expiry'), placeholder: 'MM/YY', autocomplete: 'cc-exp' }),
      field({ name: 'alias', label: t('card.alias') }),
    ],
    submit: t('card.add'),
    validate: rulesOf('addStoredCard'),
    toBody: (f) => ({ ...readBody(f), customer_external_id: id }),
    onSubmit: async (body, f) => {
      try {
        const card = await api().addStoredCard(body);
        f.reset(); // the number leaves the page as soon as it is stored
        result.replaceChildren(h('p', { className: 'ok' }, t('card.added', { card: card.masked_number ?? '' })));
        show();
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
  show();
  return section(t('card.title'), list, h('h3', {}, t('card.addTitle')), form, result);
}

export function cashSection(id, changed) {
  const result = live('cash-result');
  const form = liveForm({
    id: 'cash-form',
    fields: [
      field({ name: 'type', label: t('cash.type'), type: 'radio', value: 'deposit', options: [['deposit', t('cash.deposit')], ['withdraw', t('cash.withdraw')]] }),
      field({ name: 'amount', label: t('cash.amount'), type: 'number', min: 0, step: '0.01', inputmode: 'decimal' }),
      field({ name: 'external_id', label: t('cash.externalId'), value: newExternalId('cash'), hint: t('cash.externalIdHint') }),
      field({ name: 'description', label: t('cash.description') }),
    ],
    submit: t('cash.submit'),
    validate: rulesOf('updateCustomerCashBalance'),
    onSubmit: async (body, f) => {
      try {
        const wallet = await api().updateCustomerCashBalance(id, body);
        result.replaceChildren(h('p', { className: 'ok' }, t('cash.done', { type: t(`cash.${body.type}`), amount: money(body.amount, wallet.currency_code), balance: money(wallet.balance, wallet.currency_code) })));
        f.elements.amount.value = '';
        f.elements.external_id.value = newExternalId('cash');
        changed();
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
  return section(t('cash.title'), form, result);
}
