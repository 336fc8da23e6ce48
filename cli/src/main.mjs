// The `minted` command: parses the command line, builds the client from the configuration, runs one command and
// turns its outcome into an exit code (0 done, 1 something failed, 2 usage or configuration, 130 interrupted).
import { parseArgs } from 'node:util';
import { MintedError } from 'minted-connect';
import { COMMANDS, GLOBAL_OPTIONS } from './commands/index.mjs';
import { connect, language } from './config.mjs';
import { commandHelp, mainHelp } from './help.mjs';
import { text } from './messages.mjs';
import { Output } from './output.mjs';
import { EXIT, UsageError, VERSION } from './util.mjs';

/** Options as `parseArgs` wants them (the declarations also carry help text). */
function parserOptions(options) {
  const pick = ({ type, short, multiple }) => JSON.parse(JSON.stringify({ type, short, multiple }));
  return Object.fromEntries(Object.entries(options).map(([name, option]) => [name, pick(option)]));
}

/** The command named by the first words of `argv` (`kyc import`, `prices`), or undefined. */
function findCommand(argv) {
  const all = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options));
  const { positionals } = parseArgs({ args: argv, options: parserOptions(all), strict: false, allowPositionals: true });
  return COMMANDS.find((c) => c.name.split(' ').every((word, i) => positionals[i] === word));
}

function parse(argv, command) {
  const secret = argv.find((arg) => /^--(password|pass|pw)(=|$)/.test(arg));
  if (secret) throw new UsageError('a password is never accepted as a flag (it would show in `ps`): use MINTED_PASSWORD, --password-stdin or --profile');
  try {
    const options = parserOptions({ ...GLOBAL_OPTIONS, ...command?.options });
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(err.message.replace(/=.*?'/, "=…'"));
  }
}

/** Runs the command line `argv`; resolves to the exit code. */
export async function main(argv, { env = process.env, stdout = process.stdout, stderr = process.stderr } = {}) {
  const out = new Output({ stdout, stderr, json: argv.includes('--json'), debug: argv.includes('--debug') });
  const controller = new AbortController();
  const interrupt = () => (controller.signal.aborted ? process.exit(EXIT.interrupted) : controller.abort());
  process.on('SIGINT', interrupt).on('SIGTERM', interrupt);
  let lang = 'tr';
  try {
    const command = findCommand(argv);
    const { values, positionals } = parse(argv, command);
    lang = language(values, env);
    if (values.version) {
      out.line(`minted ${VERSION}`);
      return EXIT.ok;
    }
    if (!command) {
      if (positionals.length) throw new UsageError(`unknown command "${positionals.join(' ')}" (see minted --help)`);
      out.line(mainHelp());
      return values.help ? EXIT.ok : EXIT.usage;
    }
    if (values.help) {
      out.line(commandHelp(command));
      return EXIT.ok;
    }
    const args = positionals.slice(command.name.split(' ').length);
    if (args.length !== (command.args ?? []).length) throw new UsageError(`minted ${command.name} ${command.usage} (see minted ${command.name} --help)`);
    const ctx = { command: command.name, args, opts: values, env, out, lang, t: text(lang), signal: controller.signal, connect: (extra) => connect(values, env, extra, stderr) };
    return await command.run(ctx);
  } catch (err) {
    return report(err, out, lang, controller.signal);
  } finally {
    process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
  }
}

/** Prints a failure (kind and message, a stack only with --debug, never a secret) and picks the exit code. */
function report(err, out, lang, signal) {
  if (signal.aborted) {
    out.error('interrupted', text(lang).stopped);
    return EXIT.interrupted;
  }
  if (err instanceof UsageError) {
    out.error('usage', err.message);
    return EXIT.usage;
  }
  if (err instanceof MintedError) {
    const issues = (err.issues ?? []).filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`);
    out.error(err.kind, [err.message, ...issues].join('\n  '), err);
    return err.kind === 'config' || err.kind === 'validation' ? EXIT.usage : EXIT.failed;
  }
  out.error('internal', err?.message ?? String(err), err);
  return EXIT.failed;
}
