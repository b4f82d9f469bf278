/** Text a user searches for, made safe inside a LIKE pattern: `%` and `_` are characters to find, not wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
