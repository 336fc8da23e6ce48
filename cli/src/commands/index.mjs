// Every command, and the options every command takes.
import { customersCreate, customersGet } from './customers.mjs';
import { kycImport } from './kyc.mjs';
import { ordersExport } from './orders.mjs';
import { prices } from './prices.mjs';
import { request } from './request.mjs';
import { sandbox } from './sandbox.mjs';
import { buy, sell } from './trade.mjs';

export const GLOBAL_OPTIONS = {
  'base-url': { type: 'string', value: 'URL', help: 'API address (else MINTED_BASE_URL or the profile)' },
  username: { type: 'string', value: 'NAME', help: 'user name (else MINTED_USERNAME or the profile)' },
  'password-stdin': { type: 'boolean', help: 'read the password from standard input' },
  profile: { type: 'string', value: 'NAME', help: 'read the connection from ~/.config/minted/NAME.json' },
  lang: { type: 'string', value: 'tr|en', help: 'language of messages (default tr, or MINTED_LANG)' },
  timeout: { type: 'string', value: 'SECONDS', help: 'time allowed for one HTTP attempt (default 30)' },
  'max-retries': { type: 'string', value: 'N', help: 'retries of safe calls after a network error or 5xx (0-10, default 2)' },
  json: { type: 'boolean', help: 'machine-readable output on stdout (with the request id of each API answer)' },
  verbose: { type: 'boolean', short: 'v', multiple: true, help: 'log each call on stderr (-v -v: each HTTP exchange; else MINTED_LOG)' },
  debug: { type: 'boolean', help: 'show stack traces of errors' },
  help: { type: 'boolean', short: 'h', help: 'show help' },
  version: { type: 'boolean', help: 'show the version' },
};

export const COMMANDS = [customersGet, customersCreate, kycImport, ordersExport, prices, buy, sell, request, sandbox];
