/** Instants are stored in UTC and shown in Asia/Seoul: `2025-10-13 17:59:02`. */
export function formatSeoul(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(instant);
}
