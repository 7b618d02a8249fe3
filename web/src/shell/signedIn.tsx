import { createRoute, redirect } from '@tanstack/react-router';
import { ApiProblem } from '../api/problem';
import { meQuery } from '../session/session';
import { AppShell } from './AppShell';
import { rootRoute } from './root';

/** The layout every signed-in screen sits in; sends anyone without a session to sign in first. */
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    return { me };
  },
  component: AppShell,
});

/** For a screen's beforeLoad: refuses plainly when the person's roles lack the permission the screen needs. */
export const requirePermission =
  (permission: string) =>
  ({ context }: { context: { me: { permissions: string[] } } }) => {
    if (!context.me.permissions.includes(permission)) {
      throw new ApiProblem(403, 'Forbidden', `this screen needs the permission ${permission}, which your roles do not grant`);
    }
  };
