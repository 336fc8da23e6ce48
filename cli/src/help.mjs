// Help texts, made from the command and option declarations (each option is declared once, with its help).
import { COMMANDS, GLOBAL_OPTIONS } from './commands/index.mjs';

function optionLines(options) {
  const rows = Object.entries(options).map(([name, o]) => [`  ${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`, o.help]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, help]) => left.padEnd(width) + help).join('\n');
}

const CONFIG = `Connection (flags first, then the profile, then the environment):
  MINTED_BASE_URL, MINTED_USERNAME, MINTED_PASSWORD, MINTED_LANG
  --profile NAME reads ~/.config/minted/NAME.json ($MINTED_CONFIG_DIR or $XDG_CONFIG_HOME/minted instead), e.g.
    {"base_url": "https://…", "username": "…", "password": "…", "lang": "en", "timeout": 30, "max_retries": 2}
  and refuses a file that other users can read (chmod 600). A password is never accepted as a flag.

Exit codes: 0 all done, 1 some rows or orders failed, 2 usage or configuration error, 130 interrupted (journal saved).`;

export function mainHelp() {
  const line = (c) => [c.name, ...(c.args ?? [])].join(' ');
  const width = Math.max(...COMMANDS.map((c) => line(c).length)) + 3;
  const commands = COMMANDS.map((c) => `  ${line(c).padEnd(width)}${c.summary}`).join('\n');
  return `minted: the Minted Connect Partner API from the command line (built on the minted-connect package)

Usage: minted <command> [options]

Commands:
${commands}

Options for every command:
${optionLines(GLOBAL_OPTIONS)}

${CONFIG}

Run "minted <command> --help" for a command's options and examples.`;
}

export function commandHelp(command) {
  const own = Object.keys(command.options).length ? `\nOptions:\n${optionLines(command.options)}\n` : '';
  return `Usage: minted ${command.name} ${command.usage}

${command.description}
${own}
Options for every command:
${optionLines(GLOBAL_OPTIONS)}

Examples:
${command.examples.map((e) => `  ${e}`).join('\n')}

${CONFIG}`;
}
