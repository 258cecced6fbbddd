/**
 * Local user accounts: who may use this node and in which roles (caseworker, legal reviewer,
 * supervisor, administrator, auditor), their Argon2id password hashes and their API tokens (only a
 * SHA-256 of each token is stored). The sandbox creates one account per role at first start.
 */
@ApplicationModule(displayName = "Accounts")
package org.comity.accounts;

import org.springframework.modulith.ApplicationModule;
