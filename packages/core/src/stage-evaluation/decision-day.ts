/** The day a decision takes effect unless the office dates it: the end of the evaluation period, or today once that has passed. */
export const defaultDecisionDay = (today: string, periodEnd: string) => (periodEnd > today ? periodEnd : today);
