package org.comity.evidence;

import org.comity.evidence.domain.KeySource;
import org.comity.exchange.Envelope;
import org.comity.exchange.MessageType;
import org.comity.exchange.PayloadAtRest;
import org.springframework.stereotype.Component;

/**
 * The receiver's inbox keeps an evidence announcement with its transfer key wrapped by the node key
 * (the evidence key source), never in the clear: whoever reads the database (or the event log the
 * announcement is published through) does not learn the key the package's chunks travel under.
 */
@Component
class TransferKeyAtRest implements PayloadAtRest {

    private final KeySource keySource;

    TransferKeyAtRest(KeySource keySource) {
        this.keySource = keySource;
    }

    @Override
    public String kept(Envelope envelope) {
        if (envelope.type() != MessageType.EVIDENCE_NOTICE) {
            return envelope.payload();
        }
        return TransferDocuments.keptAtRest(envelope.payload(), keySource);
    }
}
