import '@mantine/core/styles.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import './i18n';
import { Shell } from './layout/Shell';
import { HomePage } from './pages/HomePage';
import { ProgramPage } from './pages/ProgramPage';
import { ProgramEditorPage } from './pages/ProgramEditorPage';
import { AuditPage } from './pages/AuditPage';
import { SignInPage, SignUpPage } from './pages/SignInPage';

const theme = createTheme({ fontFamily: '"Noto Sans KR", "Noto Sans CJK KR", system-ui, sans-serif', primaryColor: 'indigo' });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/programs/:slug', element: <ProgramPage /> },
      { path: '/programs/:slug/edit', element: <ProgramEditorPage /> },
      { path: '/audit', element: <AuditPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
