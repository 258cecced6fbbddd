package org.comity.treaty;

/**
 * The withdrawal of a wrong treaty-action record as an administrator asks for it. A record added on
 * this node is named by its {@code id}; a record shipped in the release (which has no id) by its key:
 * {@code instrument}, {@code party}, {@code action}, {@code date} ({@code YYYY-MM-DD} or {@code unknown})
 * and {@code standing} ({@code confirmed} when absent). {@code reason} is one of the {@link
 * WithdrawalReason} codes; {@code note} (at most 500 characters) is kept for audit and never shown in
 * the public list.
 */
public record NewWithdrawal(
        Long id,
        String instrument,
        String party,
        String action,
        String date,
        String standing,
        String reason,
        String note) {}
