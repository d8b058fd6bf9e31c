/** Minutes served as hours with one decimal: 230 → "3.8". Statements and /stats show the same. */
export const formatHours = (minutes: number): string => (Math.round(minutes / 6) / 10).toFixed(1);
