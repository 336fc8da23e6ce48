// require(), destructured and whole.
const sdk = require('minted-connect');
const { MintedClient, MintedError, validateRequest } = sdk;

const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
new MintedClient({ baseUrl: process.env.CLOSED_URL, maxRetries: 0 }).getCustomer('MTD1').then(
  () => console.log('resolved'),
  (e) => console.log(`validate=${issue} getCustomer=${e instanceof MintedError ? e.kind : e} default=${sdk.default.MintedClient === MintedClient}`),
);
