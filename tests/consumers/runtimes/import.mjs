// import, named and default; and require() in the same process must give the very same classes.
import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';
import { createRequire } from 'node:module';

const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
const client = new MintedClient({ baseUrl: process.env.CLOSED_URL, maxRetries: 0 });
const kind = await client.getCustomer('MTD1').then(() => 'resolved', (e) => (e instanceof MintedError ? e.kind : `${e}`));
const require = createRequire(import.meta.url);
const shared = require('minted-connect').MintedClient === MintedClient && require('minted-connect/sandbox').createSandbox === createSandbox;
const sandbox = createSandbox();
const inProcess = await new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch }).getCustomer('MTD0018232');
console.log(`validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient} sandbox=${inProcess.external_id} shared=${shared}`);
