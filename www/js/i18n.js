// The panel's language: Turkish or English. Every text is declared once, in both languages, in text.js; the same
// choice goes to the client (`language`: validation messages and Accept-Language).
import { TEXT } from './text.js';

const STORAGE_KEY = 'minted-panel.language';
let current = 'tr';

export const language = () => current;

/** Picks the stored language, else the server's default, else Turkish (the API's own default). */
export function initLanguage(fallback) {
  const stored = localStorage.getItem(STORAGE_KEY);
  setLanguage(stored === 'tr' || stored === 'en' ? stored : fallback === 'en' ? 'en' : 'tr');
}

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'tr';
  document.documentElement.lang = current;
  localStorage.setItem(STORAGE_KEY, current); // a preference, not a secret
}

/** The text for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}, fallback = undefined) {
  const entry = TEXT[key];
  const text = entry ? entry[current === 'tr' ? 1 : 0] : (fallback ?? key);
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}
