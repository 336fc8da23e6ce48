import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect'

/** One validation, one call against a closed port, the default export: what every consumer row prints. */
export async function smoke(closed: string | null | undefined): Promise<string> {
  const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code
  const kind = await new MintedClient({ baseUrl: closed ?? undefined, maxRetries: 0 })
    .getCustomer('MTD1')
    .then(() => 'resolved', (e: unknown) => (e instanceof MintedError ? e.kind : `${e}`))
  return `validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient}`
}
