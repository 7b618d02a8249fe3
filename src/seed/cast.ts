import type { Role } from '../kernel/auth/permissions.js';

export const DEMO_TENANT = 'northwind';
export const DEMO_PASSWORD = 'charter-demo';

/** The people of the demo tenant, one per role the operating model names. */
export const DEMO_PEOPLE: { email: string; name: string; roles: Role[]; team: string }[] = [
  { email: 'admin@northwind.example', name: 'Avery Admin', roles: ['platform_admin'], team: 'AI Platform' },
  { email: 'riley.risk@northwind.example', name: 'Riley Chen', roles: ['risk_reviewer'], team: 'Risk & Compliance' },
  { email: 'olivia.owner@northwind.example', name: 'Olivia Okafor', roles: ['business_owner'], team: 'Claims Operations' },
  { email: 'sam.support@northwind.example', name: 'Sam Patel', roles: ['business_owner'], team: 'Customer Support' },
  { email: 'frank.finance@northwind.example', name: 'Francesca Rossi', roles: ['business_owner'], team: 'Finance' },
  { email: 'ben.builder@northwind.example', name: 'Ben Moreau', roles: ['builder'], team: 'AI Platform' },
  { email: 'cleo.change@northwind.example', name: 'Cleo Nakamura', roles: ['change_lead'], team: 'Transformation Office' },
  { email: 'eve.exec@northwind.example', name: 'Evelyn Hart', roles: ['executive'], team: 'Executive Committee' },
  { email: 'victor.viewer@northwind.example', name: 'Victor Lindqvist', roles: ['viewer'], team: 'Internal Audit' },
];
