// Starts `attrib lsp` (the rules language server) for *.attr files.
// The command comes from the `attrib.command` setting; `attrib.databaseUrl`
// is passed as --database-url.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('attrib');
  const [command, ...args] = config.get('command', ['attrib', 'lsp']);
  const databaseUrl = config.get('databaseUrl', '');
  if (databaseUrl) args.push('--database-url', databaseUrl);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const server = { command, args, transport: TransportKind.stdio, options: { cwd, shell: process.platform === 'win32' } };
  client = new LanguageClient('attrib', 'Attribution rules', server, {
    documentSelector: [
      { scheme: 'file', language: 'attrib' },
      { scheme: 'untitled', language: 'attrib' },
    ],
  });
  context.subscriptions.push({ dispose: () => client?.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
