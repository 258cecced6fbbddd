package org.comity.casework.persistence;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.RequestState;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * How casework types look in JSON, for the database and the API alike. The domain stays free of
 * Jackson: type names for the sealed states and decisions are added here as mix-ins (country codes
 * are plain strings through {@code CountryCode}'s own annotations). The type names are stored, so they never change.
 */
public final class CaseworkJson {

    private CaseworkJson() {}

    public static JacksonModule module() {
        var module = new SimpleModule("casework");
        module.setMixInAnnotation(RequestState.class, StateMixin.class);
        module.setMixInAnnotation(Decision.class, DecisionMixin.class);
        return module;
    }

    static JsonMapper mapper() {
        return JsonMapper.builder()
                .addModule(module())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = RequestState.Draft.class, name = "draft"),
        @JsonSubTypes.Type(value = RequestState.AwaitingSendApproval.class, name = "awaiting-send-approval"),
        @JsonSubTypes.Type(value = RequestState.Submitted.class, name = "submitted"),
        @JsonSubTypes.Type(value = RequestState.Acknowledged.class, name = "acknowledged"),
        @JsonSubTypes.Type(value = RequestState.InformationAsked.class, name = "information-asked"),
        @JsonSubTypes.Type(value = RequestState.GrantedByCounterpart.class, name = "granted-by-counterpart"),
        @JsonSubTypes.Type(value = RequestState.PostponedByCounterpart.class, name = "postponed-by-counterpart"),
        @JsonSubTypes.Type(value = RequestState.RefusedByCounterpart.class, name = "refused-by-counterpart"),
        @JsonSubTypes.Type(value = RequestState.ExecutedByCounterpart.class, name = "executed-by-counterpart"),
        @JsonSubTypes.Type(value = RequestState.Received.class, name = "received"),
        @JsonSubTypes.Type(value = RequestState.UnderReview.class, name = "under-review"),
        @JsonSubTypes.Type(value = RequestState.InformationRequested.class, name = "information-requested"),
        @JsonSubTypes.Type(value = RequestState.AwaitingDecisionApproval.class, name = "awaiting-decision-approval"),
        @JsonSubTypes.Type(value = RequestState.Granted.class, name = "granted"),
        @JsonSubTypes.Type(value = RequestState.Postponed.class, name = "postponed"),
        @JsonSubTypes.Type(value = RequestState.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = RequestState.Executing.class, name = "executing"),
        @JsonSubTypes.Type(value = RequestState.Executed.class, name = "executed"),
        @JsonSubTypes.Type(value = RequestState.Closed.class, name = "closed"),
        @JsonSubTypes.Type(value = RequestState.Withdrawn.class, name = "withdrawn")
    })
    interface StateMixin {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Decision.Grant.class, name = "granted"),
        @JsonSubTypes.Type(value = Decision.GrantWithConditions.class, name = "granted-with-conditions"),
        @JsonSubTypes.Type(value = Decision.PartialGrant.class, name = "partially-granted"),
        @JsonSubTypes.Type(value = Decision.Postpone.class, name = "postponed"),
        @JsonSubTypes.Type(value = Decision.Refuse.class, name = "refused")
    })
    interface DecisionMixin {}
}
