// Stage 2: the grammar (Chevrotain CstParser with error recovery). It never
// throws: on bad input it records errors, re-synchronises and keeps going so
// one pass reports every syntax error.
import { CstParser, type IRecognitionException, type IToken } from 'chevrotain';
import type { FileCstNode } from './cst.generated.js';
import * as T from './lexer.js';

class RulesParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: 'full', maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.topItem));
  });

  topItem = this.RULE('topItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.rulesetClause) },
      { ALT: () => this.SUBRULE(this.versionClause) },
      { ALT: () => this.SUBRULE(this.effectiveClause) },
      { ALT: () => this.SUBRULE(this.ownerClause) },
      { ALT: () => this.SUBRULE(this.descriptionClause) },
      { ALT: () => this.SUBRULE(this.rolesDecl) },
      { ALT: () => this.SUBRULE(this.defineDecl) },
      { ALT: () => this.SUBRULE(this.laneDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
  });

  rulesetClause = this.RULE('rulesetClause', () => {
    this.CONSUME(T.Ruleset);
    this.CONSUME(T.Identifier, { LABEL: 'key' });
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'title' }));
  });

  versionClause = this.RULE('versionClause', () => {
    this.CONSUME(T.Version);
    this.OR([{ ALT: () => this.CONSUME(T.NumberLit, { LABEL: 'value' }) }, { ALT: () => this.CONSUME(T.StringLit, { LABEL: 'value' }) }]);
  });

  effectiveClause = this.RULE('effectiveClause', () => {
    this.CONSUME(T.Effective);
    this.CONSUME(T.From);
    this.CONSUME1(T.DateLit, { LABEL: 'from' });
    this.OPTION(() => {
      this.CONSUME(T.To);
      this.CONSUME2(T.DateLit, { LABEL: 'to' });
    });
  });

  ownerClause = this.RULE('ownerClause', () => {
    this.CONSUME(T.Owner);
    this.CONSUME(T.StringLit, { LABEL: 'value' });
  });

  descriptionClause = this.RULE('descriptionClause', () => {
    this.CONSUME(T.Description);
    this.CONSUME(T.StringLit, { LABEL: 'value' });
  });

  rolesDecl = this.RULE('rolesDecl', () => {
    this.CONSUME(T.Roles);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier, { LABEL: 'role' }) });
  });

  defineDecl = this.RULE('defineDecl', () => {
    this.CONSUME(T.Define);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.As);
    this.SUBRULE(this.condition);
  });

  laneDecl = this.RULE('laneDecl', () => {
    this.CONSUME(T.Lane);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Grants);
    this.SUBRULE(this.quantity, { LABEL: 'grants' });
    this.OPTION(() => {
      this.CONSUME(T.Hit);
      this.CONSUME(T.Policy);
      this.CONSUME(T.Name, { LABEL: 'policy' });
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.ruleDecl) }, { ALT: () => this.SUBRULE(this.otherwiseDecl) }]));
    this.CONSUME(T.RBrace);
  });

  ruleDecl = this.RULE('ruleDecl', () => {
    this.CONSUME(T.Rule);
    this.CONSUME(T.StringLit, { LABEL: 'name' });
    this.OPTION1(() => {
      this.CONSUME(T.Priority);
      this.SUBRULE(this.quantity, { LABEL: 'priority' });
    });
    this.OPTION2(() => {
      this.CONSUME(T.When);
      this.SUBRULE(this.condition);
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.ruleStatement));
    this.CONSUME(T.RBrace);
  });

  otherwiseDecl = this.RULE('otherwiseDecl', () => {
    this.CONSUME(T.Otherwise);
    this.CONSUME(T.Role);
    this.CONSUME(T.Name, { LABEL: 'role' });
    this.OPTION1(() => {
      this.CONSUME(T.For);
      this.CONSUME(T.Partners);
      this.CONSUME(T.On);
      this.CONSUME(T.Account);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Credit);
      this.CONSUME(T.Identifier, { LABEL: 'credit' });
    });
  });

  ruleStatement = this.RULE('ruleStatement', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Role);
          this.CONSUME1(T.Name, { LABEL: 'role' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Select);
          this.CONSUME2(T.Name, { LABEL: 'select' });
        },
      },
      { ALT: () => this.SUBRULE(this.creditStmt) },
      { ALT: () => this.SUBRULE(this.weightStmt) },
      { ALT: () => this.SUBRULE(this.capStmt) },
      { ALT: () => this.SUBRULE(this.floorStmt) },
    ]);
  });

  creditStmt = this.RULE('creditStmt', () => {
    this.CONSUME(T.Credit);
    this.CONSUME(T.Identifier, { LABEL: 'model' });
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'arg' }) },
        { ALT: () => this.SUBRULE(this.quantity, { LABEL: 'arg' }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: 'arg' }) },
      ]),
    );
  });

  weightStmt = this.RULE('weightStmt', () => {
    this.CONSUME(T.Weight);
    this.CONSUME(T.Identifier, { LABEL: 'dimension' });
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.weightEntry) });
  });

  weightEntry = this.RULE('weightEntry', () => {
    this.OPTION1(() => {
      this.CONSUME(T.At);
      this.OR1([{ ALT: () => this.CONSUME(T.Least, { LABEL: 'bound' }) }, { ALT: () => this.CONSUME(T.Most, { LABEL: 'bound' }) }]);
    });
    this.OR2([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(T.StringLit, { LABEL: 'key' }) },
      { ALT: () => this.SUBRULE1(this.quantity, { LABEL: 'key' }) },
    ]);
    this.OPTION2(() => this.CONSUME(T.By));
    this.SUBRULE2(this.quantity, { LABEL: 'factor' });
  });

  capStmt = this.RULE('capStmt', () => {
    this.CONSUME(T.Cap);
    this.OPTION(() => this.CONSUME(T.Partner));
    this.SUBRULE(this.quantity);
  });

  floorStmt = this.RULE('floorStmt', () => {
    this.CONSUME(T.Floor);
    this.OPTION(() => this.CONSUME(T.Partner));
    this.SUBRULE(this.quantity);
  });

  condition = this.RULE('condition', () => {
    this.SUBRULE1(this.andExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr, { LABEL: 'operand' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE1(this.notExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr, { LABEL: 'operand' });
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr, { LABEL: 'negated' });
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.condition);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.windowCond) },
      { ALT: () => this.SUBRULE(this.fieldCond) },
    ]);
  });

  windowCond = this.RULE('windowCond', () => {
    this.OR1([
      { ALT: () => this.CONSUME(T.Within, { LABEL: 'form' }) },
      {
        ALT: () => {
          this.CONSUME(T.No);
          this.OR2([{ ALT: () => this.CONSUME(T.Later, { LABEL: 'form' }) }, { ALT: () => this.CONSUME(T.Earlier, { LABEL: 'form' }) }]);
          this.CONSUME(T.Than);
        },
      },
    ]);
    this.SUBRULE(this.quantity);
    this.OR3([{ ALT: () => this.CONSUME(T.Before, { LABEL: 'direction' }) }, { ALT: () => this.CONSUME(T.After, { LABEL: 'direction' }) }]);
    this.CONSUME(T.Identifier, { LABEL: 'anchor' });
  });

  fieldCond = this.RULE('fieldCond', () => {
    this.SUBRULE(this.fieldPath);
    this.OPTION(() => this.SUBRULE(this.comparisonTail));
  });

  fieldPath = this.RULE('fieldPath', () => {
    this.CONSUME(T.Identifier, { LABEL: 'segment' });
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME(T.Name, { LABEL: 'segment' });
    });
  });

  comparisonTail = this.RULE('comparisonTail', () => {
    this.OR1([
      {
        ALT: () => {
          this.CONSUME(T.Is, { LABEL: 'op' });
          this.OPTION(() => this.CONSUME1(T.Not, { LABEL: 'negate' }));
          this.OR2([
            { ALT: () => this.CONSUME(T.Present, { LABEL: 'presence' }) },
            { ALT: () => this.CONSUME(T.Missing, { LABEL: 'presence' }) },
            {
              ALT: () => {
                this.CONSUME(T.On, { LABEL: 'onAccount' });
                this.CONSUME(T.Account);
              },
            },
            { ALT: () => this.SUBRULE1(this.value) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Not, { LABEL: 'negate' });
          this.CONSUME1(T.In, { LABEL: 'op' });
          this.SUBRULE1(this.list);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.In, { LABEL: 'op' });
          this.SUBRULE2(this.list);
        },
      },
      {
        ALT: () => {
          this.OR3([
            { ALT: () => this.CONSUME(T.Eq, { LABEL: 'op' }) },
            { ALT: () => this.CONSUME(T.NotEq, { LABEL: 'op' }) },
            { ALT: () => this.CONSUME(T.LtEq, { LABEL: 'op' }) },
            { ALT: () => this.CONSUME(T.GtEq, { LABEL: 'op' }) },
            { ALT: () => this.CONSUME(T.Lt, { LABEL: 'op' }) },
            { ALT: () => this.CONSUME(T.Gt, { LABEL: 'op' }) },
          ]);
          this.SUBRULE2(this.value);
        },
      },
    ]);
  });

  value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.StringLit, { LABEL: 'string' }) },
      { ALT: () => this.CONSUME(T.DateLit, { LABEL: 'date' }) },
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.SUBRULE(this.list) },
    ]);
  });

  list = this.RULE('list', () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.value) });
    this.CONSUME(T.RBracket);
  });

  quantity = this.RULE('quantity', () => {
    this.CONSUME(T.NumberLit, { LABEL: 'number' });
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.PercentSign, { LABEL: 'unit' }) },
        { ALT: () => this.CONSUME(T.Days, { LABEL: 'unit' }) },
        { ALT: () => this.CONSUME(T.Day, { LABEL: 'unit' }) },
      ]),
    );
  });

  testDecl = this.RULE('testDecl', () => {
    this.CONSUME(T.Test);
    this.CONSUME(T.StringLit, { LABEL: 'name' });
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.givenItem) },
        { ALT: () => this.SUBRULE(this.asOfItem) },
        { ALT: () => this.SUBRULE(this.expectItem) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  givenItem = this.RULE('givenItem', () => {
    this.CONSUME(T.Given);
    this.CONSUME1(T.Identifier, { LABEL: 'subject' });
    this.OPTION1(() => this.CONSUME2(T.Identifier, { LABEL: 'name' }));
    this.OPTION2(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.SUBRULE(this.property));
      this.CONSUME(T.RBrace);
    });
  });

  property = this.RULE('property', () => {
    this.CONSUME(T.Name, { LABEL: 'key' });
    this.SUBRULE(this.value);
  });

  asOfItem = this.RULE('asOfItem', () => {
    this.CONSUME(T.As);
    this.CONSUME(T.Of);
    this.CONSUME(T.DateLit, { LABEL: 'date' });
  });

  expectItem = this.RULE('expectItem', () => {
    this.CONSUME(T.Expect);
    this.OR1([{ ALT: () => this.CONSUME1(T.Partner, { LABEL: 'subject' }) }, { ALT: () => this.CONSUME1(T.Lane, { LABEL: 'subject' }) }]);
    this.CONSUME1(T.Name, { LABEL: 'target' });
    this.MANY(() => this.SUBRULE(this.expectClause));
  });

  expectClause = this.RULE('expectClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Role, { LABEL: 'kw' });
          this.CONSUME1(T.Name, { LABEL: 'arg' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Share, { LABEL: 'kw' });
          this.SUBRULE1(this.quantity);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Amount, { LABEL: 'kw' });
          this.SUBRULE2(this.quantity);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Grants, { LABEL: 'kw' });
          this.SUBRULE3(this.quantity);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Rule, { LABEL: 'kw' });
          this.CONSUME(T.StringLit, { LABEL: 'ruleName' });
        },
      },
      {
        ALT: () => {
          this.CONSUME1(T.In, { LABEL: 'kw' });
          this.CONSUME1(T.Lane);
          this.CONSUME2(T.Name, { LABEL: 'arg' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Not, { LABEL: 'negate' });
          this.CONSUME2(T.In, { LABEL: 'kw' });
          this.CONSUME2(T.Lane);
          this.CONSUME3(T.Name, { LABEL: 'arg' });
        },
      },
    ]);
  });
}

let shared: RulesParser | undefined;
/** The parser is stateful but reusable; build the grammar once per process. */
export function parser(): RulesParser {
  shared ??= new RulesParser();
  return shared;
}

interface ParseOutput {
  cst: FileCstNode;
  errors: IRecognitionException[];
}

export function parseTokens(tokens: IToken[]): ParseOutput {
  const p = parser();
  p.input = tokens;
  const cst = p.file() as FileCstNode;
  return { cst, errors: [...p.errors] };
}
