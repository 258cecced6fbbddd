/**
 * Jurisdiction profiles: per State, the offence catalogue mapped to the convention's conduct
 * categories with maximum penalties, the authorities directory (central authority, 24/7 point of
 * contact, channels, languages) and the reference to its policy pack. Answers "is conduct C criminal
 * in State S, and how severely" and "is there dual criminality between A and B".
 */
@ApplicationModule(displayName = "Jurisdiction profiles")
package org.comity.jurisdiction;

import org.springframework.modulith.ApplicationModule;
