/** Role names as people read them. */
const ROLE_LABELS: Record<string, string> = {
  platform_admin: 'Platform admin',
  risk_reviewer: 'Risk reviewer',
  business_owner: 'Business owner',
  builder: 'Builder',
  change_lead: 'Change lead',
  executive: 'Executive',
  viewer: 'Viewer',
};

export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;
