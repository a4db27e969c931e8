// `attrib` — the command-line entry point. Each sub-command lives in its own
// module under ./commands and is loaded only when used.
import type { Command } from './command.js';
import { CliError } from './command.js';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  migrate: () => import('./commands/migrate.js'),
  seed: () => import('./commands/seed.js'),
  import: () => import('./commands/import.js'),
  mapping: () => import('./commands/mapping.js'),
  check: () => import('./commands/check.js'),
  fmt: () => import('./commands/fmt.js'),
  test: () => import('./commands/test.js'),
  explain: () => import('./commands/explain.js'),
  run: () => import('./commands/run.js'),
  plan: () => import('./commands/plan.js'),
  export: () => import('./commands/export.js'),
  keys: () => import('./commands/keys.js'),
  taxonomy: () => import('./commands/taxonomy.js'),
  scorecard: () => import('./commands/scorecard.js'),
  hygiene: () => import('./commands/hygiene.js'),
  spotlight: () => import('./commands/spotlight.js'),
  disputes: () => import('./commands/disputes.js'),
  fx: () => import('./commands/fx.js'),
  worker: () => import('./commands/worker.js'),
  lsp: () => import('./commands/lsp.js'),
};

async function loadCommand(name: string): Promise<Command | undefined> {
  const load = COMMANDS[name];
  if (!load) return undefined;
  try {
    return (await load()).default;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(`commands/${name}`)) {
      return undefined;
    }
    throw err;
  }
}

async function usage(): Promise<string> {
  const lines = ['Usage: attrib <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS)) {
    const cmd = await loadCommand(name);
    if (cmd) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  }
  lines.push('', "Run `attrib <command> --help` for a command's options.");
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    console.error(`attrib: unknown command "${name}".\n\n${await usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${cmd.summary}\n\nUsage: ${cmd.usage}`);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`attrib ${name}: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}

const isEntry = process.argv[1] && /(?:cli[\\/]main\.ts|attrib(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
