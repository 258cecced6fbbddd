/**
 * C2SP tlog-policy: which logs and witnesses a verifier knows, and the quorum of cosignatures that
 * makes a checkpoint valid ({@link org.comity.transparency.domain.policy.TrustPolicy}).
 */
package org.comity.transparency.domain.policy;
