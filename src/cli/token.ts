import type { Command } from 'commander';
import type { Role } from '../kernel/auth/permissions.js';
import { fromJson } from '../kernel/db/json.js';
import { RemoteError } from './remote.js';
import { tenantId, withLocal } from './local.js';
import { printJson } from './output.js';

export function tokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens for machines (operates on the database directly)');

  token
    .command('create')
    .description('create an API token for a member; the secret is printed once')
    .requiredOption('-e, --email <email>', 'the member the token acts for')
    .option('-t, --tenant <slug>', 'tenant slug', 'northwind')
    .option('-n, --name <name>', 'a name to recognise the token by', 'cli')
    .option('-r, --roles <roles>', 'comma-separated subset of the member’s roles (default: all of them)')
    .option('-d, --expires-days <days>', 'expire after this many days', (v) => Number(v))
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; tenant: string; name: string; roles?: string; expiresDays?: number; json?: boolean }) => {
      await withLocal(async (c) => {
        const tid = await tenantId(c, opts.tenant);
        const member = await c.kernel.db
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .select(['users.id', 'users.name', 'memberships.roles'])
          .where('memberships.tenant_id', '=', tid)
          .where('users.email', '=', opts.email.toLowerCase())
          .executeTakeFirst();
        if (!member) throw new RemoteError(`${opts.email} is not a member of ${opts.tenant}`, 1);
        const roles = fromJson<Role[]>(member.roles, []);
        const created = await c.services.auth.createToken(
          { tenantId: tid, kind: 'user', id: member.id, name: member.name, roles },
          { name: opts.name, roles: opts.roles ? (opts.roles.split(',') as Role[]) : undefined, expiresInDays: opts.expiresDays },
        );
        if (opts.json) printJson(created);
        else process.stdout.write(`${created.token}\n(token ${created.id} for ${member.name}; roles ${created.roles.join(', ')}; shown only now)\n`);
      });
    });

  token
    .command('revoke <id>')
    .description('revoke a token by its id')
    .option('-t, --tenant <slug>', 'tenant slug', 'northwind')
    .action(async (id: string, opts: { tenant: string }) => {
      await withLocal(async (c) => {
        const tid = await tenantId(c, opts.tenant);
        const row = await c.kernel.db.selectFrom('api_tokens').select(['user_id']).where('tenant_id', '=', tid).where('id', '=', id).executeTakeFirst();
        if (!row) throw new RemoteError(`no token ${id} in ${opts.tenant}`, 1);
        await c.services.auth.revokeToken({ tenantId: tid, kind: 'system', id: 'system', name: 'charter cli', roles: ['platform_admin'] }, id);
        process.stdout.write(`revoked ${id}\n`);
      });
    });
}
