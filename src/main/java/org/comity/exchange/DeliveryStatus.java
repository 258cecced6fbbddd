package org.comity.exchange;

/** Where a sent message is: waiting (or retrying), delivered with a verified receipt, or given up. */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED
}
