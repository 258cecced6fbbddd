/**
 * Value types every module may use: ISO country codes, citations into an instrument's articles
 * catalogue, hashes. Nothing here knows about Spring, the database or HTTP, so any module (and the
 * stand-alone verification tools) can depend on it.
 */
@NullMarked
package org.comity.shared;

import org.jspecify.annotations.NullMarked;
