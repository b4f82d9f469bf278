import type { ApplicationStatus } from './api';

export const statusColor: Record<ApplicationStatus, string> = { draft: 'gray', submitted: 'teal', withdrawn: 'orange' };
