package org.comity.casework;

import java.util.UUID;
import org.comity.accounts.Role;
import org.comity.casework.domain.RequestContent;
import org.comity.exchange.TwoNodes;
import org.comity.testing.TestAccounts;
import org.comity.treaty.KindOfAssistance;

/** For other modules' two-node tests: a request sent from one node to another over the exchange. */
public final class RequestsOverExchange {

    private RequestsOverExchange() {}

    /** The requesting node's caseworker drafts and proposes, its supervisor approves: the request is sent. */
    public static UUID send(TwoNodes.Node from) {
        var casework = from.bean(Casework.class);
        var content = CaseExchangeTest.JSON.readValue(CaseworkApiTest.CONTENT, RequestContent.class);
        var draft = casework.draft(KindOfAssistance.STORED_DATA, content, TestAccounts.username(Role.CASEWORKER));
        casework.proposeSending(draft.id(), null, TestAccounts.username(Role.CASEWORKER));
        casework.approveSending(draft.id(), null, TestAccounts.username(Role.SUPERVISOR));
        return draft.id();
    }
}
