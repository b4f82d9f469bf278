import type { Phase } from './definition.ts';

/** The phase holding a day, else the last phase that started before it, else the first. */
export function phaseAt(phases: Phase[], day: string): Phase {
  return phases.find((p) => p.start <= day && p.end >= day) ?? [...phases].reverse().find((p) => p.start <= day) ?? phases[0]!;
}
