/** Minutes served as tenths of an hour, the unit printed: 230 → 38. */
export const hoursTenths = (minutes: number): number => Math.round(minutes / 6);

/** Tenths of an hour as printed, with one decimal: 38 → "3.8". */
export const formatTenths = (tenths: number): string => (tenths / 10).toFixed(1);

/** Minutes served as hours with one decimal: 230 → "3.8". */
export const formatHours = (minutes: number): string => formatTenths(hoursTenths(minutes));
