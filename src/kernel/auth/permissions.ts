/** Charter's roles, as the operating model names them. */
export const ROLES = ['platform_admin', 'risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The one permission matrix. Each permission lists the roles that hold it; platform_admin holds all.
 * Reading is broad (the operating model runs on transparency), changing is narrow (least privilege).
 */
const matrix = {
  'usecase:read': ['risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive', 'viewer'],
  'usecase:create': ['business_owner', 'builder', 'change_lead'],
  'usecase:update': ['business_owner', 'builder'],
  'usecase:transition': ['business_owner', 'builder', 'risk_reviewer'],
  'usecase:import': ['business_owner'],
  'valuestream:manage': ['executive'],
  'ledger:read': ['risk_reviewer', 'executive'],
  'token:manage': ['risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive'],
  'tenant:admin': [],
  'risk:screen': ['business_owner', 'builder', 'risk_reviewer'],
  'risk:override': ['risk_reviewer'],
  'policy:read': ['risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive', 'viewer'],
  'policy:manage': ['risk_reviewer'],
  'approval:decide': ['risk_reviewer', 'business_owner', 'executive'],
  'control:update': ['builder', 'business_owner', 'risk_reviewer'],
  'exception:request': ['builder', 'business_owner'],
  'exception:approve': ['risk_reviewer'],
  'catalogue:manage': [],
  'gateway:key:manage': ['builder'],
  'release:manage': ['builder'],
  'review:decide': ['risk_reviewer', 'business_owner'],
  'eval:run': ['builder', 'risk_reviewer'],
  'gate:evaluate': ['builder', 'risk_reviewer'],
  'gate:signoff': ['business_owner', 'risk_reviewer'],
  'metric:read': ['risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive', 'viewer'],
  'metric:manage': ['business_owner', 'builder'],
  'metric:ingest': ['business_owner', 'builder'],
  'incident:manage': ['builder', 'risk_reviewer', 'business_owner'],
  'people:read': ['risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive', 'viewer'],
  'people:manage': ['change_lead'],
  'programme:manage': ['executive', 'change_lead'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof matrix;
export const PERMISSIONS = Object.keys(matrix) as Permission[];

export function can(roles: readonly Role[], permission: Permission): boolean {
  if (roles.includes('platform_admin')) return true;
  const holders: readonly Role[] = matrix[permission];
  return roles.some((r) => holders.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return PERMISSIONS.filter((p) => can(roles, p));
}
