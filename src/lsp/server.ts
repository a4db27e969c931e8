// The Language Server Protocol server of the rules language (`attrib lsp`):
// the language service (src/dsl/language/service.ts) over JSON-RPC. Documents
// are kept in sync incrementally; diagnostics are published on open and on
// every change; formatting, hover and completion answer from the same service.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  TextDocumentSyncKind,
  TextEdit,
  type CompletionItem,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Vocabulary } from '../domain/taxonomy.js';
import type { Diagnostic } from '../dsl/diagnostics.js';
import { complete, diagnose, diagnosticMessage, format, hover, type CompletionKind } from '../dsl/language/service.js';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const KIND: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Field,
  value: CompletionItemKind.EnumMember,
  model: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
  definition: CompletionItemKind.Variable,
  role: CompletionItemKind.Constant,
  lane: CompletionItemKind.Module,
  option: CompletionItemKind.Value,
  property: CompletionItemKind.Property,
};

/** The checker's diagnostic as the protocol's (0-based lines and characters; the hint follows the message). */
function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: {
      start: { line: d.range.start.line - 1, character: d.range.start.column - 1 },
      end: { line: d.range.end.line - 1, character: d.range.end.column - 1 },
    },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'attrib',
    message: diagnosticMessage(d),
  };
}

interface ServerOptions {
  /** The taxonomy rule files are checked against. */
  vocabulary: Vocabulary;
}

/** Serves the rules language on `connection` until the client exits. */
export function serveRulesLanguage(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const { vocabulary } = options;

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentFormattingProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' ', '[', ','] },
      },
      serverInfo: { name: 'attrib lsp' },
    }),
  );

  const publish = (doc: TextDocument) => {
    const diagnostics = diagnose(doc.getText(), { vocabulary }).map(toLspDiagnostic);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };
  documents.onDidOpen((e) => publish(e.document));
  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => {
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDocumentFormatting((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const source = doc.getText();
    const { text } = format(source);
    if (text === null || text === source) return [];
    return [TextEdit.replace({ start: { line: 0, character: 0 }, end: doc.positionAt(source.length) }, text)];
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const h = hover(doc.getText(), doc.offsetAt(params.position), { vocabulary });
    if (!h) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: h.contents },
      range: { start: doc.positionAt(h.from), end: doc.positionAt(h.to) },
    };
  });

  connection.onCompletion((params): CompletionItem[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const c = complete(doc.getText(), doc.offsetAt(params.position), { vocabulary });
    const range = { start: doc.positionAt(c.from), end: doc.positionAt(c.to) };
    return c.items.map((i, n) => ({
      label: i.label,
      kind: KIND[i.kind],
      detail: i.detail,
      sortText: String(n).padStart(4, '0'),
      textEdit: TextEdit.replace(range, i.label),
      ...(i.documentation ? { documentation: { kind: MarkupKind.Markdown, value: i.documentation } } : {}),
    }));
  });

  documents.listen(connection);
  connection.listen();
}
