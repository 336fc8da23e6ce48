// require(), destructured and whole.
const sdk = require('minted-connect');
const { MintedClient, MintedError, validateRequest } = sdk;
const { createSandbox } = require('minted-connect/sandbox');

const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
new MintedClient({ baseUrl: process.env.CLOSED_URL, maxRetries: 0 }).getCustomer('MTD1').then(
  () => console.log('resolved'),
  (e) => {
    const sandbox = createSandbox();
    new MintedClient({ baseUrl: sandbox.url, ...sandbox.credentials, fetch: sandbox.fetch }).getCustomer('MTD0018232').then((customer) => console.log(
      `validate=${issue} getCustomer=${e instanceof MintedError ? e.kind : e} default=${sdk.default.MintedClient === MintedClient} sandbox=${customer.external_id}`));
  },
);
