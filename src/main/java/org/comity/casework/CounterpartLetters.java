package org.comity.casework;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.casework.domain.CounterpartLetter;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.casework.persistence.JdbcLetters;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.MessageType;
import org.comity.exchange.OutgoingMessage;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Correspondence with the counterpart of a request exchanged with another node: a letter or note
 * written here leaves as a {@code correspondence} message ({@code {"v": 1, "text": …}}) in the
 * transaction that keeps it, and one received is kept on the request of its conversation
 * ({@link CaseExchange}). Text a person typed: it never reaches the public log.
 */
@Component
public class CounterpartLetters {

    private final Casework casework;
    private final JdbcExchangeLinks links;
    private final JdbcLetters letters;
    private final MessageExchange exchange;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    CounterpartLetters(
            Casework casework, JdbcExchangeLinks links, JdbcLetters letters, MessageExchange exchange, Clock clock) {
        this.casework = casework;
        this.links = links;
        this.letters = letters;
        this.exchange = exchange;
        this.clock = clock;
    }

    /**
     * Sends a letter to the counterpart of a request exchanged with another node.
     *
     * @throws InvalidInput {@code text}/{@code text-length}: 1 to 20 000 characters, not blank
     * @throws Conflict {@code not-exchanged} for a request that did not travel by the exchange
     */
    @Transactional
    public CounterpartLetter send(UUID requestId, @org.jspecify.annotations.Nullable String text, String username) {
        casework.get(requestId); // the request must be one the caller may see
        if (text == null || text.isBlank() || text.length() > CaseExchange.MAX_TEXT) {
            throw InvalidInput.of("text", "text-length", "1 to " + CaseExchange.MAX_TEXT + " characters");
        }
        var link = links.byRequest(requestId)
                .orElseThrow(() -> new Conflict("not-exchanged", "this request did not travel by the exchange"));
        var sent = exchange.send(
                new OutgoingMessage(
                        link.conversationId(),
                        MessageType.CORRESPONDENCE,
                        new AuthorityId(link.counterpart()),
                        null,
                        false,
                        json.writeValueAsString(Map.of("v", CaseExchange.DOCUMENT_VERSION, "text", text))),
                username);
        var letter = new CounterpartLetter(
                sent.messageId(),
                requestId,
                CounterpartLetter.Way.SENT,
                username,
                link.counterpart(),
                text,
                clock.instant());
        letters.store(letter);
        return letter;
    }

    /** Every letter sent and received on the request, oldest first. */
    public List<CounterpartLetter> of(UUID requestId) {
        casework.get(requestId);
        return letters.of(requestId);
    }
}
