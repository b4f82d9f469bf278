import '@mantine/core/styles.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import './i18n';
import './layout/phone-tables.css';
import { watchTablesForPhones } from './layout/phone-tables';
import { Shell } from './layout/Shell';
import { areas } from './areas';

const theme = createTheme({ fontFamily: '"Noto Sans KR", "Noto Sans CJK KR", system-ui, sans-serif', primaryColor: 'indigo' });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: areas.flatMap((a) => a.routes),
  },
]);

watchTablesForPhones();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
