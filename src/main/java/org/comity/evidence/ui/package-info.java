/** The console's evidence pages: a request's packages, adding items (a plain form, or resumable with JavaScript). */
package org.comity.evidence.ui;
