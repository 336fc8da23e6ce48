import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';

const closed = new URLSearchParams(location.search).get('closed');
const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
const kind = await new MintedClient({ baseUrl: closed, maxRetries: 0 }).getCustomer('MTD1').then(() => 'resolved', (e) => (e instanceof MintedError ? e.kind : `${e}`));
const sandbox = createSandbox();
const inProcess = await new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch }).getCustomer('MTD0018232');
console.log(`smoke: validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient} sandbox=${inProcess.external_id}`);
