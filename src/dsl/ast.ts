// Stage 3: the abstract syntax tree of a rule file. Every node carries the
// source range it came from (1-based line/column, 0-based offset) so the
// checker, the formatter and explanations can point at exact text.

export interface Position {
  line: number;
  column: number;
  offset: number;
}
export interface SourceRange {
  start: Position;
  end: Position;
}

export interface Located {
  range: SourceRange;
}

export interface Ident extends Located {
  name: string;
}

export type Unit = '%' | 'days' | null;

export type Value =
  | (Located & { kind: 'name'; name: string })
  | (Located & { kind: 'string'; value: string })
  | (Located & { kind: 'number'; text: string; unit: Unit })
  | (Located & { kind: 'date'; text: string })
  | (Located & { kind: 'list'; items: Value[] });

export interface FieldPath extends Located {
  segments: Ident[];
}

export type CompareOp = 'is' | 'is not' | '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | (Located & { kind: 'and'; operands: Condition[] })
  | (Located & { kind: 'or'; operands: Condition[] })
  | (Located & { kind: 'not'; operand: Condition })
  | (Located & { kind: 'ref'; name: Ident })
  | (Located & { kind: 'compare'; field: FieldPath; op: CompareOp; value: Value })
  | (Located & { kind: 'in'; field: FieldPath; negated: boolean; values: Value[] })
  | (Located & { kind: 'presence'; field: FieldPath; present: boolean })
  | (Located & { kind: 'onAccount'; field: FieldPath; negated: boolean })
  | (Located & {
      kind: 'window';
      form: 'within' | 'no later than' | 'no earlier than';
      amount: Value;
      direction: 'before' | 'after';
      anchor: Ident;
    });

export interface Header extends Located {
  key: Ident | null;
  title: string | null;
  version: (Located & { text: string }) | null;
  effectiveFrom: (Located & { text: string }) | null;
  effectiveTo: (Located & { text: string }) | null;
  owner: (Located & { text: string }) | null;
  description: (Located & { text: string }) | null;
  /** Header clauses in source order, for duplicate detection and formatting. */
  clauses: Array<Located & { kind: 'ruleset' | 'version' | 'effective' | 'owner' | 'description' }>;
}

export interface RolesDecl extends Located {
  kind: 'roles';
  roles: Ident[];
}
export interface Define extends Located {
  kind: 'define';
  name: Ident;
  condition: Condition | null;
}

export interface WeightEntry extends Located {
  /** `at least` / `at most` bounds apply to numeric dimensions such as depth. */
  bound: 'at least' | 'at most' | null;
  value: Value;
  factor: Value;
}
export interface CreditModel extends Located {
  name: Ident;
  args: Array<Value | Ident>;
}

export type RuleStatement =
  | (Located & { kind: 'role'; role: Ident })
  | (Located & { kind: 'select'; mode: Ident })
  | (Located & { kind: 'credit'; model: CreditModel })
  | (Located & { kind: 'weight'; dimension: Ident; entries: WeightEntry[] })
  | (Located & { kind: 'cap'; amount: Value })
  | (Located & { kind: 'floor'; amount: Value });

export interface RuleDecl extends Located {
  kind: 'rule';
  name: Located & { text: string };
  priority: Value | null;
  when: Condition | null;
  body: RuleStatement[];
  bodyEnd: number;
}

export interface OtherwiseDecl extends Located {
  kind: 'otherwise';
  role: Ident;
  accountPartners: boolean;
  credit: Ident | null;
}

export interface LaneDecl extends Located {
  kind: 'lane';
  name: Ident;
  grants: Value | null;
  hitPolicy: Ident | null;
  items: Array<RuleDecl | OtherwiseDecl>;
  bodyEnd: number;
}

export interface Property extends Located {
  key: Ident;
  value: Value | null;
}

export type TestItem =
  | (Located & { kind: 'given'; subject: Ident; name: Ident | null; properties: Property[] })
  | (Located & { kind: 'asOf'; date: Value })
  | (Located & { kind: 'expect'; subject: 'partner' | 'lane'; target: Ident; clauses: ExpectClause[] });

export type ExpectClause =
  | (Located & { kind: 'role'; role: Ident })
  | (Located & { kind: 'share'; value: Value })
  | (Located & { kind: 'amount'; value: Value })
  | (Located & { kind: 'inLane'; lane: Ident; negated: boolean })
  | (Located & { kind: 'rule'; name: Located & { text: string } })
  | (Located & { kind: 'grants'; value: Value });

export interface TestDecl extends Located {
  kind: 'test';
  name: Located & { text: string };
  items: TestItem[];
  bodyEnd: number;
}

export type Item = RolesDecl | Define | LaneDecl | TestDecl;

export interface RuleFile extends Located {
  header: Header | null;
  items: Item[];
}

export const defines = (f: RuleFile): Define[] => f.items.filter((i): i is Define => i.kind === 'define');
export const lanes = (f: RuleFile): LaneDecl[] => f.items.filter((i): i is LaneDecl => i.kind === 'lane');
export const tests = (f: RuleFile): TestDecl[] => f.items.filter((i): i is TestDecl => i.kind === 'test');
export const roleDecls = (f: RuleFile): RolesDecl[] => f.items.filter((i): i is RolesDecl => i.kind === 'roles');
