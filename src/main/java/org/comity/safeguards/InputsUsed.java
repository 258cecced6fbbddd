package org.comity.safeguards;

/**
 * The versions of everything an assessment was computed from. Replaying with the same versions must
 * give the same findings; a replay that finds other versions says which changed.
 *
 * @param engine version of the built-in rule set
 * @param legalBasis the treaty answer used, in short form ({@code UNCC=NO;ETS185=YES})
 * @param requestingProfile fingerprint of the requesting State's profile ({@code none} if there is none)
 * @param requestedProfile fingerprint of the requested State's profile
 * @param policyPack id and version of the requested State's policy pack ({@code none} if it has none)
 * @param citations fingerprint of the citation keys resolved through the articles catalogue
 * @param thresholds the numbers the built-in rules compared against, as the policy pack set them
 *     ({@code defaults}, or {@code long_period_days=732;many_subjects=10;…}); assessments stored before
 *     packs could set them used the defaults
 */
public record InputsUsed(
        String engine,
        String legalBasis,
        String requestingProfile,
        String requestedProfile,
        String policyPack,
        String citations,
        String thresholds) {

    public InputsUsed {
        if (thresholds == null) {
            thresholds = "defaults";
        }
        for (String v :
                new String[] {engine, legalBasis, requestingProfile, requestedProfile, policyPack, citations, thresholds
                }) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("every input version is recorded");
            }
        }
    }
}
