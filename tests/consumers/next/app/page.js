'use client';
// A client component: the SDK runs in the browser once the page is there.
import { useEffect, useState } from 'react';
import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';

export default function Page() {
  const [line, setLine] = useState('running');
  useEffect(() => {
    const closed = new URLSearchParams(location.search).get('closed');
    const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
    new MintedClient({ baseUrl: closed, maxRetries: 0 }).getCustomer('MTD1').then(() => setLine('resolved'), (e) =>
      setLine(`validate=${issue} getCustomer=${e instanceof MintedError ? e.kind : e} default=${minted.MintedClient === MintedClient}`));
  }, []);
  useEffect(() => { if (line !== 'running') console.log(`smoke: ${line}`); }, [line]);
  return <pre id="smoke">{line}</pre>;
}
