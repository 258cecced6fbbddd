-- How a request travelled: the channel and day it was received (incoming) or transmitted (outgoing),
-- and the other State's own reference for it. Unknown (null) for requests stored before, and until
-- recorded. The list's text filter finds a request by either reference, in any case.
ALTER TABLE casework_request
    ADD COLUMN channel               text CHECK (channel IN ('PAPER', 'EMAIL', 'DIPLOMATIC', 'NETWORK_24_7', 'ELECTRONIC')),
    ADD COLUMN channel_on            date,
    ADD COLUMN counterpart_reference text CHECK (length(counterpart_reference) BETWEEN 1 AND 100),
    ADD CONSTRAINT casework_request_channel_with_day CHECK ((channel IS NULL) = (channel_on IS NULL));
CREATE INDEX casework_request_by_counterpart_reference ON casework_request (upper(counterpart_reference));
