/**
 * Routes that do not declare a response schema yet (issue 14 item 1). When a route gains one, take it
 * off this list (the contract test fails until you do); never add a route here.
 */
export const notYetConverted: readonly string[] = [
];
