// import, named and default; and require() in the same process must give the very same classes.
import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';
import { createRequire } from 'node:module';

const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
const client = new MintedClient({ baseUrl: process.env.CLOSED_URL, maxRetries: 0 });
const kind = await client.getCustomer('MTD1').then(() => 'resolved', (e) => (e instanceof MintedError ? e.kind : `${e}`));
const shared = createRequire(import.meta.url)('minted-connect').MintedClient === MintedClient;
console.log(`validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient} shared=${shared}`);
