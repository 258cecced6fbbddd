package org.comity.jurisdiction;

import org.comity.shared.CountryCode;

/** The outcome of a successful profile import. */
public record ImportedProfile(CountryCode state, int version, int offences, int authorities, boolean created) {}
