// Declarations: the roles a file adds to the standard ones, its definitions
// (one per name, never a field's name, not defined in terms of themselves)
// and, once every rule has been checked, the definitions nothing uses.
import type * as A from '../ast.js';
import { defines, roleDecls } from '../ast.js';
import { didYouMean } from '../diagnostics.js';
import { FIELDS } from '../schema.js';
import { refsOf, report, type CheckContext } from './context.js';
import { checkCondition } from './conditions.js';

/** Stage: declared roles join the standard ones; a role declared again is a warning. */
export function checkRoleDeclarations(file: A.RuleFile, ctx: CheckContext): void {
  for (const r of roleDecls(file)) {
    for (const role of r.roles) {
      if (ctx.roles.has(role.name))
        report(ctx, 'duplicate-role', 'warning', `role \`${role.name}\` is already defined`, role.range, 'remove it from the roles list');
      ctx.roles.add(role.name);
    }
  }
}

/** Stage: collects the definitions by name; a duplicate or a field's name is an error (and not collected). */
export function checkDefinitionNames(file: A.RuleFile, ctx: CheckContext): void {
  for (const d of defines(file)) {
    if (ctx.defines.has(d.name.name)) {
      report(ctx, 'duplicate-definition', 'error', `\`${d.name.name}\` is defined twice`, d.name.range, 'rename one of the definitions');
    } else if (FIELDS.has(d.name.name)) {
      report(
        ctx,
        'shadowed-field',
        'error',
        `\`${d.name.name}\` is a field name and cannot be redefined`,
        d.name.range,
        'choose another name for the definition',
      );
    } else ctx.defines.set(d.name.name, d);
  }
}

/** Stage: each definition is free of cycles and its condition is a valid condition. */
export function checkDefinitionBodies(_file: A.RuleFile, ctx: CheckContext): void {
  for (const d of ctx.defines.values()) {
    checkCycles(ctx, d.name.name, [], d.name.range);
    if (d.condition) checkCondition(ctx, d.condition);
  }
}

/** Stage: a definition no condition refers to is a warning. */
export function checkUnusedDefinitions(_file: A.RuleFile, ctx: CheckContext): void {
  for (const d of ctx.defines.values()) {
    if (!ctx.usedDefines.has(d.name.name)) {
      report(
        ctx,
        'unused-definition',
        'warning',
        `\`${d.name.name}\` is defined but never used`,
        d.name.range,
        'use it in a rule condition, or remove it',
      );
    }
  }
}

export function checkRole(ctx: CheckContext, id: A.Ident): void {
  if (!ctx.roles.has(id.name)) {
    report(
      ctx,
      'unknown-role',
      'error',
      `unknown role \`${id.name}\``,
      id.range,
      `${didYouMean(id.name, [...ctx.roles], 'roles')} Declare your own with: roles ${id.name}`,
    );
  }
}

function checkCycles(ctx: CheckContext, name: string, stack: string[], at: A.SourceRange): void {
  if (stack.includes(name)) {
    report(
      ctx,
      'cyclic-definition',
      'error',
      `\`${name}\` is defined in terms of itself (${[...stack, name].join(' → ')})`,
      at,
      'break the cycle',
    );
    return;
  }
  const d = ctx.defines.get(name);
  if (!d?.condition) return;
  if (stack.length >= 32) {
    if (ctx.reportedDeepChain) return;
    ctx.reportedDeepChain = true;
    report(
      ctx,
      'nesting-too-deep',
      'error',
      `definitions are chained more than 32 deep (${stack[0]} → … → ${name})`,
      at,
      'flatten the chain of definitions',
    );
    return;
  }
  for (const ref of refsOf(d.condition)) if (ctx.defines.has(ref)) checkCycles(ctx, ref, [...stack, name], at);
}
