import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';

const closed = new URLSearchParams(location.search).get('closed');
const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
const kind = await new MintedClient({ baseUrl: closed, maxRetries: 0 }).getCustomer('MTD1').then(() => 'resolved', (e) => (e instanceof MintedError ? e.kind : `${e}`));
console.log(`smoke: validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient}`);
