/** An area's message files (locales/<lang>/<area>.json, as `import.meta.glob` gives them) merged into one language's messages. */
export const mergeLocales = (files: Record<string, unknown>) =>
  Object.values(files).reduce<Record<string, unknown>>((acc, m) => ({ ...acc, ...(m as { default: Record<string, unknown> }).default }), {});
