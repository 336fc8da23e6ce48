// The panel's proxy against a Digest server we did not write: Apache httpd with mod_auth_digest (MD5) and
// `AuthDigestNcCheck On`, which refuses any `nc` that is not exactly the next one for its nonce. Calls made at the
// same time must still all pass. Needs Debian's apache2 (skipped, and said so, where it is not installed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWww } from '../../www/serve.mjs';

const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const USER = 'operator';
const PASSWORD = 'apache-secret';
const REALM = 'minted-apache';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startApache() {
  const dir = mkdtempSync(join(tmpdir(), 'minted-apache-'));
  chmodSync(dir, 0o755); // the worker processes run as www-data
  mkdirSync(join(dir, 'docs', 'partner'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'partner', 'balance'), JSON.stringify({ success: true, data: [{ currency_code: 'GBP', balance: 1 }] }));
  const ha1 = createHash('md5').update(`${USER}:${REALM}:${PASSWORD}`).digest('hex');
  writeFileSync(join(dir, 'digest'), `${USER}:${REALM}:${ha1}\n`);
  const port = await freePort();
  const modules = ['mpm_event', 'authn_core', 'authn_file', 'authz_core', 'authz_user', 'auth_digest'];
  writeFileSync(join(dir, 'httpd.conf'), [
    `ServerRoot "${dir}"`, 'ServerName 127.0.0.1', `Listen 127.0.0.1:${port}`, `PidFile "${dir}/httpd.pid"`,
    `ErrorLog "${dir}/error.log"`, 'User www-data', 'Group www-data',
    ...modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
    `DocumentRoot "${dir}/docs"`,
    `<Directory "${dir}/docs">`, '  ForceType application/json', '  AuthType Digest', `  AuthName "${REALM}"`,
    '  AuthDigestProvider file', `  AuthUserFile "${dir}/digest"`, '  AuthDigestNcCheck On', '  Require valid-user', '</Directory>',
  ].join('\n'));
  const conf = join(dir, 'httpd.conf');
  execFileSync(APACHE, ['-f', conf, '-k', 'start'], { env: { ...process.env, APACHE_RUN_DIR: dir, APACHE_LOCK_DIR: dir, APACHE_LOG_DIR: dir } });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    if (await fetch(`${url}/partner/balance`).then(() => true, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    log: () => readFileSync(join(dir, 'error.log'), 'utf8'),
    stop() {
      execFileSync(APACHE, ['-f', conf, '-k', 'stop']);
      for (let i = 0; i < 50 && existsSync(join(dir, 'httpd.pid')); i += 1) execFileSync('sleep', ['0.1']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('the panel proxy against Apache httpd (strict nonce counts)', { skip: !existsSync(APACHE) && 'apache2 is not installed' }, () => {
  let apache;
  let www;
  before(async () => {
    apache = await startApache();
    www = await startWww({ upstream: { url: apache.url, username: USER, password: PASSWORD } });
  });
  after(async () => {
    await www?.close();
    apache?.stop();
  });

  test('calls one after another and many at once all pass', async () => {
    const call = () => fetch(`${www.url}api/partner/balance`).then(async (r) => [r.status, await r.text()]);
    for (let i = 0; i < 3; i += 1) assert.deepEqual((await call())[0], 200);
    for (let round = 0; round < 3; round += 1) {
      const answers = await Promise.all(Array.from({ length: 8 }, call));
      assert.deepEqual(answers.map(([status]) => status), Array(8).fill(200), apache.log().slice(-2000));
    }
    assert.equal(JSON.parse((await call())[1]).data[0].currency_code, 'GBP');
    // each nonce's counts reached Apache in order: it never saw a replay-looking count
    assert.deepEqual(apache.log().split('\n').filter((line) => line.includes('AH01774')), []);
  });

  test('a wrong password is a plain 401', async () => {
    const wrong = await startWww({ upstream: { url: apache.url, username: USER, password: 'wrong' } });
    try {
      const answer = await fetch(`${wrong.url}api/partner/balance`);
      assert.equal(answer.status, 401);
      assert.equal(answer.headers.get('www-authenticate'), null);
    } finally {
      await wrong.close();
    }
  });
});
