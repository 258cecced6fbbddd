package org.comity.treaty;

/**
 * The categories of electronic data the instruments distinguish (UNCC Art 2, Budapest Art 1 and 18),
 * in increasing intrusiveness (domain.md §2).
 */
public enum DataCategory {
    SUBSCRIBER,
    TRAFFIC,
    CONTENT
}
