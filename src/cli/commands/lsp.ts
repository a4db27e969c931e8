// `attrib lsp [--database-url URL]`: the rules language server (Language
// Server Protocol over stdio) for editors: diagnostics, formatting, hover and
// completion from the same checker and formatter as `attrib check` and
// `attrib fmt`. Taxonomy values are checked against --database-url's (or
// DATABASE_URL's) taxonomy when given, else against the default taxonomy.
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { serveRulesLanguage } from '../../lsp/server.js';
import { vocabularyFor } from './check.js';

const command: Command = {
  name: 'lsp',
  summary: 'Language server for rule files (LSP over stdio, for editors)',
  usage:
    "attrib lsp [--stdio] [--database-url URL]\n\n  --stdio             speak the protocol on stdin/stdout (the default and only transport)\n  --database-url URL  check taxonomy values against that database's taxonomy (default: DATABASE_URL's, else the default taxonomy)\n\nThe server runs until the editor sends exit.",
  async run(argv) {
    const { flags } = parseArgs(argv, { boolean: ['stdio'], string: ['database-url'] });
    // stdout carries the protocol: anything else printed goes to stderr.
    console.log = console.error;
    console.info = console.error;
    const url = (flags['database-url'] as string | undefined) ?? (process.env.DATABASE_URL || undefined);
    const vocabulary = await vocabularyFor(url);
    const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
    await new Promise<void>((resolve) => {
      connection.onExit(() => resolve());
      serveRulesLanguage(connection, { vocabulary });
    });
    return 0;
  },
};

export default command;
