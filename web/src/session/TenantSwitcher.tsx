import { useNavigate } from '@tanstack/react-router';
import { useMe, useSwitchTenant } from './session';

/** Lets someone who belongs to several tenants move the session between them. */
export function TenantSwitcher() {
  const me = useMe();
  const switchTenant = useSwitchTenant();
  const navigate = useNavigate();
  const current = me.tenants.find((t) => t.id === me.tenantId);
  if (me.tenants.length < 2) return <span className="tenant-name">{current?.name}</span>;

  return (
    <label className="tenant-switcher">
      <span className="visually-hidden">Tenant</span>
      <select
        value={me.tenantId}
        disabled={switchTenant.isPending}
        onChange={(e) => switchTenant.mutate(e.target.value, { onSuccess: () => navigate({ to: '/' }) })}
      >
        {me.tenants.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {switchTenant.isError && <span role="alert" className="field-error">{switchTenant.error.message}</span>}
    </label>
  );
}
