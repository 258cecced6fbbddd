package org.comity.treaty;

/**
 * A treaty action as an administrator enters it; every field is checked and all problems reported at
 * once. Dates are {@code YYYY-MM-DD}; {@code date} may be {@code unknown}, {@code asOf} may not.
 * {@code standing} is {@code confirmed} (the default when absent: read in the depositary's record) or
 * {@code reported} (another source says so; not confirmed, so it binds nobody in the answers).
 */
public record NewTreatyAction(
        String instrument,
        String party,
        String action,
        String date,
        String source,
        String asOf,
        String note,
        String standing) {}
