import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onSignedOut } from './api/http';
import { ApiProblem } from './api/problem';
import { createCharterRouter } from './router';
import { meKey } from './session/session';
import './styles/base.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal will not change on retry; only failures to reach Charter or its 5xx are retried.
      retry: (count, err) => count < 2 && (!(err instanceof ApiProblem) || err.status === 0 || err.status >= 500),
    },
  },
});
const router = createCharterRouter(queryClient);

// When the session ends under us (expired, revoked, signed out elsewhere), go to sign in and come back after.
onSignedOut(() => {
  queryClient.setQueryData(meKey, null);
  const here = router.state.location.href;
  if (!here.startsWith('/sign-in')) void router.navigate({ to: '/sign-in', search: { redirect: here } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
