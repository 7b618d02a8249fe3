import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Link, Outlet } from '@tanstack/react-router';
import { Empty } from './states';

export const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: () => (
    <main className="page" id="main">
      <Empty title="There is no such page">
        <Link to="/">Go to your home page</Link>
      </Empty>
    </main>
  ),
});
