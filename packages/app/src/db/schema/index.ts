export * from './auth.ts';
export * from './programs.ts';
export * from './audit.ts';
