import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';
import { createSandbox } from 'minted-connect/sandbox';

export default {
  async fetch(request, env) {
    const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
    const client = new MintedClient({ baseUrl: env.CLOSED_URL, maxRetries: 0 });
    const kind = await client.getCustomer('MTD1').then(() => 'resolved', (e) => (e instanceof MintedError ? e.kind : `${e}`));
    // Inside the handler: Workers refuse random values (the sandbox's seed) at the top level.
    const sandbox = createSandbox();
    const inProcess = await new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch }).getCustomer('MTD0018232');
    return new Response(`validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient} sandbox=${inProcess.external_id}`);
  },
};
