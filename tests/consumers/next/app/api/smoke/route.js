// A route handler: the SDK on the server, bundled by Next.js.
import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';

export const dynamic = 'force-dynamic';

export async function GET() {
  const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
  const client = new MintedClient({ baseUrl: process.env.CLOSED_URL, maxRetries: 0 });
  const kind = await client.getCustomer('MTD1').then(() => 'resolved', (e) => (e instanceof MintedError ? e.kind : `${e}`));
  return new Response(`validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient}`);
}
