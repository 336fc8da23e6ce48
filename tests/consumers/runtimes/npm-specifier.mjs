// Deno's `npm:` specifier, resolved from the local node_modules (package.json present).
import { MintedError, validateRequest } from 'npm:minted-connect';

console.log(`validate=${validateRequest('createCustomer', { external_id: 'a' })[0]?.code} error=${MintedError.name}`);
