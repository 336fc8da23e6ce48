import { Component, OnInit, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import minted, { MintedClient, MintedError, validateRequest } from 'minted-connect';

@Component({
  imports: [RouterOutlet],
  selector: 'app-root',
  styleUrl: './app.css',
  templateUrl: './app.html',
})
export class App implements OnInit {
  protected readonly title = signal('angular');
  protected readonly smoke = signal('running');

  async ngOnInit(): Promise<void> {
    const closed = new URLSearchParams(location.search).get('closed') ?? 'http://127.0.0.1:9';
    const issue = validateRequest('createCustomer', { external_id: 'a' })[0]?.code;
    const kind = await new MintedClient({ baseUrl: closed, maxRetries: 0 })
      .getCustomer('MTD1')
      .then(() => 'resolved', (e: unknown) => (e instanceof MintedError ? e.kind : `${e}`));
    this.smoke.set(`validate=${issue} getCustomer=${kind} default=${minted.MintedClient === MintedClient}`);
    console.log(`smoke: ${this.smoke()}`);
  }
}
