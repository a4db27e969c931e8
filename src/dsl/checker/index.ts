// Stage 4 of the pipeline: checks a parsed rule file against the data model
// and the rules of the language. Pure: AST in, diagnostics out.
//
// The checks run as the ordered list of stages below, each a function over
// the file and the shared context (context.ts) that appends diagnostics:
//   header              the ruleset line, version, effective dates, owner (header.ts)
//   role declarations   declared roles join the standard ones (declarations.ts)
//   definition names    definitions collected, duplicates and field names refused
//   definition bodies   no cycles; each body a valid condition (conditions.ts, values.ts)
//   lanes               lanes, `otherwise`, each rule (rules.ts), reachability (truth.ts)
//   tests               in-file tests: givens and expectations (tests.ts)
//   unused definitions  definitions no condition refers to
// The order matters twice over. Later stages read what earlier ones collect:
// roles and definitions before any condition or rule names them, lane names
// before the tests' expectations refer to them, and every condition checked
// (marking the definitions it uses) before unused definitions are reported.
// And the diagnostics keep the order they are reported in, which the golden
// files pin.
import { DEFAULT_VOCABULARY, type Vocabulary } from '../../domain/taxonomy.js';
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostics.js';
import { createContext, type CheckStage } from './context.js';
import { checkDefinitionBodies, checkDefinitionNames, checkRoleDeclarations, checkUnusedDefinitions } from './declarations.js';
import { checkHeader } from './header.js';
import { checkLanes } from './lanes.js';
import { checkTests } from './tests.js';

const STAGES: readonly CheckStage[] = [
  { name: 'header', run: checkHeader },
  { name: 'role declarations', run: checkRoleDeclarations },
  { name: 'definition names', run: checkDefinitionNames },
  { name: 'definition bodies', run: checkDefinitionBodies },
  { name: 'lanes', run: checkLanes },
  { name: 'tests', run: checkTests },
  { name: 'unused definitions', run: checkUnusedDefinitions },
];

/** Checks a parsed file against the data model and the taxonomy in force (default: the default taxonomy). */
export function checkAst(file: A.RuleFile, vocabulary: Vocabulary = DEFAULT_VOCABULARY): Diagnostic[] {
  const ctx = createContext(vocabulary);
  for (const stage of STAGES) stage.run(file, ctx);
  return ctx.out;
}
