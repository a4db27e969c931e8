// The partner role a rep declares in the CRM for a partner on a deal, carried
// by the touch that names the partner (touchpoint.declared_role). The values
// are the crediting roles of the rules' vocabulary (src/domain/enums.ts,
// STANDARD_ROLES): the roles a rule gives a partner that earns credit.
// `attached` (no credit), `unattributed` and `disputed` are outcomes of the
// rules or of governance, not something a rep declares. Influence accuracy
// compares a declared role with the role the rules gave (src/reports/README.md).

export const DECLARED_ROLES = ['sourced', 'influenced', 'assisted_close'] as const;
export type DeclaredRole = (typeof DECLARED_ROLES)[number];

export function isDeclaredRole(value: string): value is DeclaredRole {
  return (DECLARED_ROLES as readonly string[]).includes(value);
}

/** The message every entry point gives for a value that is not a declared role. */
export function declaredRoleMessage(value: string): string {
  return `"${value}" is not a declared partner role; use one of ${DECLARED_ROLES.join(', ')}, or leave it empty (not declared)`;
}
