// The partner's legal texts where an operator needs them (terms before a trade, the distance sales contract before
// a delivery): a disclosure that loads the text when opened.
import { t } from '../i18n.js';
import { legalTexts } from '../session.js';
import { h, load } from '../ui.js';

export function legalNote(type) {
  const body = h('div', { className: 'legal-text', 'aria-live': 'polite' });
  const box = h('details', { className: 'legal', id: `legal-${type}` }, h('summary', {}, t(`legal.${type}`, {}, type)), body);
  box.addEventListener('toggle', () => {
    if (!box.open || body.childNodes.length) return;
    load(body, async () => {
      const doc = (await legalTexts()).find((d) => d.type === type);
      if (!doc) return h('p', {}, t('legal.missing'));
      return h('div', {}, h('p', {}, h('strong', {}, doc.title ?? type), doc.version ? ` · ${t('legal.version')} ${doc.version}` : ''),
        h('p', {}, doc.content ?? ''), doc.url ? h('p', {}, h('a', { href: doc.url, target: '_blank', rel: 'noopener' }, t('legal.full'))) : null);
    });
  });
  return box;
}
