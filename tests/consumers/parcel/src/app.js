import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';

const closed = typeof location === 'undefined' ? process.env.CLOSED_URL : new URLSearchParams(location.search).get('closed');
const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
new MintedClient({ baseUrl: closed, maxRetries: 0 }).getCustomer('MTD1').then(() => console.log('smoke: resolved'), async (e) => {
  const sandbox = createSandbox();
  const inProcess = await new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch }).getCustomer('MTD0018232');
  console.log(`smoke: validate=${issue} getCustomer=${e instanceof MintedError ? e.kind : e} default=${minted.MintedClient === MintedClient} sandbox=${inProcess.external_id}`);
});
