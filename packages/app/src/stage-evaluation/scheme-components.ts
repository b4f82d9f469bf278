import type { StageComponent, StageEvaluationScheme } from '@stagegate/core/program/definition';

/** The components that take a measurement (groups only add up their children). */
export function leafComponents(scheme: StageEvaluationScheme): StageComponent[] {
  const walk = (list: StageComponent[]): StageComponent[] => list.flatMap((c) => (c.children?.length ? walk(c.children) : [c]));
  return walk(scheme.components);
}

export function findLeaf(scheme: StageEvaluationScheme, key: string): StageComponent | undefined {
  return leafComponents(scheme).find((c) => c.key === key);
}
