// The panel's proxy against a Digest server we did not write: Apache httpd with mod_auth_digest (MD5) and
// `AuthDigestNcCheck On`, which refuses any `nc` that is not exactly the next one for its nonce (started by
// tests/js/apache.mjs). Calls made at the same time must still all pass. Needs Debian's apache2 (skipped, and said
// so, where it is not installed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startWww } from '../../www/serve.mjs';
import { APACHE, startApache } from './apache.mjs';
import { pageHeaders, panelToken, raw } from './panel-kit.mjs';

const USER = 'operator';
const PASSWORD = 'apache-secret';
const REALM = 'minted-apache';

describe('the panel proxy against Apache httpd (strict nonce counts)', { skip: !existsSync(APACHE) && 'apache2 is not installed' }, () => {
  let apache;
  const panelFor = async (password) => {
    const www = await startWww({ upstream: { url: `${apache.url}/strict`, username: USER, password } });
    const token = await panelToken(www);
    return { www, call: () => raw(`${www.url}api/partner/balance`, { headers: pageHeaders(www, token) }) };
  };
  before(async () => {
    apache = await startApache({ realm: REALM, username: USER, password: PASSWORD, locations: { strict: { ncCheck: true } },
      files: { 'partner/balance': JSON.stringify({ success: true, data: [{ currency_code: 'GBP', balance: 1 }] }) } });
  });
  after(() => apache?.stop());

  test('calls one after another and many at once all pass', async () => {
    const panel = await panelFor(PASSWORD);
    try {
      for (let i = 0; i < 3; i += 1) assert.equal((await panel.call()).status, 200);
      for (let round = 0; round < 3; round += 1) {
        const answers = await Promise.all(Array.from({ length: 8 }, panel.call));
        assert.deepEqual(answers.map((a) => a.status), Array(8).fill(200), apache.errorLog().slice(-2000));
      }
      assert.equal(JSON.parse((await panel.call()).body).data[0].currency_code, 'GBP');
      // each nonce's counts reached Apache in order: it never saw a replay-looking count
      assert.deepEqual(apache.errorLog().split('\n').filter((line) => line.includes('AH01774')), []);
      const requests = apache.requests('strict');
      assert.ok(requests.filter((r) => r.status === 401).length <= 8, `${requests.length} requests`);
    } finally {
      await panel.www.close();
    }
  });

  test('a wrong password is a plain 401', async () => {
    const panel = await panelFor('wrong');
    try {
      const answer = await panel.call();
      assert.equal(answer.status, 401);
      assert.equal(answer.headers['www-authenticate'], undefined);
    } finally {
      await panel.www.close();
    }
  });
});
