/**
 * C2SP signed notes (signed-note v1.0.0, the Go sumdb note format) with Ed25519 keys: parsing and
 * serialising notes, Go-compatible private and verifier key strings, key generation, signing and
 * verification. A note's text may only be trusted through the {@link
 * org.comity.transparency.domain.note.VerifiedNote} that {@link
 * org.comity.transparency.domain.note.SignedNote#verify} returns; signatures by unknown keys are
 * ignored as the spec requires, and input size and signature count are bounded.
 */
package org.comity.transparency.domain.note;
