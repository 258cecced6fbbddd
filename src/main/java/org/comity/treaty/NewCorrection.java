package org.comity.treaty;

/**
 * A correction: the withdrawal of a wrong record and the corrected action that supersedes it, stored
 * together or not at all.
 */
public record NewCorrection(NewWithdrawal withdrawal, NewTreatyAction action) {}
