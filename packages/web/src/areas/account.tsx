import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 96,
  routes: [
    { path: '/forgot-password', lazy: page(() => import('../pages/account/PasswordResetPages'), 'ForgotPasswordPage') },
    { path: '/reset-password', lazy: page(() => import('../pages/account/PasswordResetPages'), 'ResetPasswordPage') },
    { path: '/verify-email', lazy: page(() => import('../pages/account/VerifyEmailPage'), 'VerifyEmailPage') },
  ],
};
