/** What a visit may hold; the dialog and the verb share these. */
export const FINDINGS_MAX = 2000;
export const SPOT_CHECK_PHOTOS_MAX = 10;
export const PRESENT_MAX = 99;

/** ★★★☆☆ for a rating of 3. */
export const stars = (rating: number) => "★".repeat(rating) + "☆".repeat(5 - rating);
