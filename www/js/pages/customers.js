// #/customers: open a customer by external id, or create an individual or a business customer. Every field is
// checked while typing with the rules of createCustomer / createBusinessCustomer.
import { field, liveForm, rulesOf } from '../form.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { errorBox, h, live, section } from '../ui.js';

/** The fields of a person, shared by create and edit (`values` fills them). */
export function personFields(values = {}, { withId = false } = {}) {
  return [
    withId ? field({ name: 'external_id', label: t('cust.externalId'), value: values.external_id, autocomplete: 'off', required: true }) : null,
    field({ name: 'firstname', label: t('cust.firstname'), value: values.firstname, autocomplete: 'given-name' }),
    field({ name: 'middlename', label: t('cust.middlename'), value: values.middlename, autocomplete: 'additional-name' }),
    field({ name: 'lastname', label: t('cust.lastname'), value: values.lastname, autocomplete: 'family-name' }),
    field({ name: 'email', label: t('cust.email'), type: 'email', value: values.email, autocomplete: 'email' }),
    field({ name: 'phone', label: t('cust.phone'), type: 'tel', value: values.phone, autocomplete: 'tel', hint: t('cust.phoneHint') }),
    field({ name: 'gender', label: t('cust.gender'), type: 'select', value: values.gender ?? '', options: [['', '—'], ['F', t('cust.female')], ['M', t('cust.male')]] }),
    field({ name: 'identity_number', label: t('cust.tckn'), value: values.identity_number, inputmode: 'numeric', autocomplete: 'off' }),
    field({ name: 'birthdate', label: t('cust.birthdate'), type: 'date', value: values.birthdate }),
  ].filter(Boolean);
}

function createForm(kind, result) {
  const business = kind === 'business';
  const fields = business
    ? [field({ name: 'external_id', label: t('cust.externalId'), autocomplete: 'off' }),
      field({ name: 'company_name', label: t('cust.company'), autocomplete: 'organization' }),
      field({ name: 'identity_number', label: t('cust.vkn'), inputmode: 'numeric', autocomplete: 'off' }),
      field({ name: 'tax_office', label: t('cust.taxOffice') }),
      field({ name: 'firstname', label: t('cust.contactFirstname') }),
      field({ name: 'lastname', label: t('cust.contactLastname') }),
      field({ name: 'email', label: t('cust.email'), type: 'email' }),
      field({ name: 'phone', label: t('cust.phone'), type: 'tel', hint: t('cust.phoneHint') })]
    : personFields({}, { withId: true });
  const operation = business ? 'createBusinessCustomer' : 'createCustomer';
  return liveForm({
    id: `create-${kind}`,
    fields,
    submit: t(business ? 'cust.createBusiness' : 'cust.createIndividual'),
    validate: rulesOf(operation),
    onSubmit: async (body) => {
      try {
        const created = await api()[operation](body);
        location.hash = `#/customers/${encodeURIComponent(created.external_id)}`;
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    },
  });
}

export function render(main, { query }) {
  const openResult = live('open-result');
  const createResult = live('create-result');
  const open = liveForm({
    id: 'open-customer',
    fields: [field({ name: 'external_id', label: t('cust.externalId'), value: query.get('id') ?? '', placeholder: 'MTD0018232', autocomplete: 'off' })],
    submit: t('common.open'),
    // the id is a path parameter: the rules of an external_id are createCustomer's
    validate: (body) => rulesOf('createCustomer')({ external_id: body.external_id ?? '' }).filter((i) => i.path === 'external_id'),
    onSubmit: ({ external_id }) => { location.hash = `#/customers/${encodeURIComponent(external_id)}`; },
  });
  const kind = query.get('kind') === 'business' ? 'business' : 'individual';
  const tabs = h('div', { className: 'row', role: 'group', 'aria-label': t('cust.kind') },
    ['individual', 'business'].map((k) => h('a', { id: `tab-${k}`, href: `#/customers?kind=${k}`, className: `tab${k === kind ? ' active' : ''}`, 'aria-current': k === kind ? 'true' : undefined }, t(`cust.kind.${k}`))));
  main.replaceChildren(
    h('h1', { tabIndex: -1 }, t('cust.title')),
    section(t('cust.open'), open, openResult),
    section(t('cust.create'), tabs, createForm(kind, createResult), createResult));
}
