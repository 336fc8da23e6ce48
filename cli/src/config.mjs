// Where the connection comes from: flags, then the profile named by --profile, then MINTED_* variables. The password
// is never a flag: it comes from MINTED_PASSWORD, from standard input (--password-stdin) or from a profile file that
// only its owner can read.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { text as readText } from 'node:stream/consumers';
import { MintedClient } from 'minted-connect';
import { number, UsageError, VERSION } from './util.mjs';

/** Folder of the profile files: $MINTED_CONFIG_DIR, else $XDG_CONFIG_HOME/minted, else ~/.config/minted. */
export function configDir(env) {
  return env.MINTED_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'minted');
}

/** The profile NAME (`NAME.json`: base_url, username, password, lang, timeout, max_retries), refused when others can read it. */
export function readProfile(name, env) {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) throw new UsageError(`--profile "${name}" is not a profile name`);
  const file = join(configDir(env), `${name}.json`);
  let mode;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new UsageError(`profile ${name} not found (${file})`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8);
    throw new UsageError(`profile ${file} can be read or changed by other users (mode ${octal}); run: chmod 600 ${file}`);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`profile ${file} is not valid JSON`); // the parser's message would quote the file
  }
}

/** The message language: --lang, MINTED_LANG, the profile's, else Turkish (the SDK's default). */
export function language(opts, env) {
  const lang = opts.lang ?? env.MINTED_LANG ?? (opts.profile ? readProfile(opts.profile, env).lang : undefined) ?? 'tr';
  if (lang !== 'tr' && lang !== 'en') throw new UsageError(`--lang must be tr or en (got "${lang}")`);
  return lang;
}

let stdinPassword;

/** The SDK's log level for the command: -v info, -v -v debug; else none given, and the SDK takes MINTED_LOG. */
export function logLevel(opts) {
  const verbose = opts.verbose?.length ?? 0;
  if (verbose) return verbose > 1 ? 'debug' : 'info';
  return undefined;
}

/** A MintedClient for the configuration; `extra` overrides client options (e.g. `{ maxRetries: 0 }`). Its log lines
 * go to `stderr`, so they never mix with results on stdout. */
export async function connect(opts, env, extra = {}, stderr = process.stderr) {
  const profile = opts.profile ? readProfile(opts.profile, env) : {};
  if (opts['password-stdin']) stdinPassword ??= (await readText(process.stdin)).replace(/\r?\n$/, '');
  const baseUrl = opts['base-url'] ?? profile.base_url ?? env.MINTED_BASE_URL;
  if (!baseUrl) throw new UsageError('no API address: set MINTED_BASE_URL, pass --base-url or use --profile NAME');
  const timeout = number('timeout', opts.timeout ?? profile.timeout, { min: 0.1 });
  const writeLine = (line) => stderr.write(`${line}\n`);
  return new MintedClient({
    baseUrl,
    username: opts.username ?? profile.username ?? env.MINTED_USERNAME,
    password: stdinPassword ?? profile.password ?? env.MINTED_PASSWORD,
    language: language(opts, env),
    timeoutMs: timeout === undefined ? undefined : Math.round(timeout * 1000),
    maxRetries: number('max-retries', opts['max-retries'] ?? profile.max_retries, { max: 10, integer: true }),
    logLevel: logLevel(opts),
    logger: { error: writeLine, warn: writeLine, info: writeLine, debug: writeLine },
    appName: `minted-connect-cli/${VERSION}`,
    ...extra,
  });
}
