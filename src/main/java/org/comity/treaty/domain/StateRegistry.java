package org.comity.treaty.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.treaty.RegisteredState;

/**
 * The States and organisations that can be parties. With {@code fictionalStates}, user-assigned codes
 * (XA–XZ, QM–QZ, AA, ZZ) are accepted too, for training and tests; no real State ever has one.
 */
public final class StateRegistry {

    private final Map<CountryCode, RegisteredState> states = new LinkedHashMap<>();
    private final boolean fictionalStates;

    public StateRegistry(List<RegisteredState> states, boolean fictionalStates) {
        for (RegisteredState state : states) {
            if (this.states.put(state.code(), state) != null) {
                throw new IllegalArgumentException("state listed twice: " + state.code());
            }
        }
        this.fictionalStates = fictionalStates;
    }

    public Collection<RegisteredState> all() {
        return states.values();
    }

    public Optional<RegisteredState> find(CountryCode code) {
        var state = states.get(code);
        if (state != null) {
            return Optional.of(state);
        }
        if (fictionalStates && code.isUserAssigned()) {
            return Optional.of(new RegisteredState(
                    code,
                    Optional.empty(),
                    "Fictional State " + code,
                    "État fictif " + code,
                    "دولة افتراضية " + code,
                    RegisteredState.Kind.FICTIONAL,
                    RegisteredState.UnStatus.NONE,
                    "user-assigned ISO 3166-1 code (fictional States enabled)",
                    Optional.empty()));
        }
        return Optional.empty();
    }

    /**
     * The fictional States accepted (XA–XZ, QM–QZ, AA, ZZ), for forms to offer them after the real
     * ones; none unless fictional States are enabled.
     */
    public List<RegisteredState> fictional() {
        if (!fictionalStates) {
            return List.of();
        }
        var codes = new ArrayList<String>();
        for (char c = 'A'; c <= 'Z'; c++) {
            codes.add("X" + c);
        }
        for (char c = 'M'; c <= 'Z'; c++) {
            codes.add("Q" + c);
        }
        codes.add("AA");
        codes.add("ZZ");
        return codes.stream()
                .map(CountryCode::new)
                .filter(code -> !states.containsKey(code))
                .map(code -> find(code).orElseThrow())
                .toList();
    }

    public boolean isReio(CountryCode code) {
        return find(code).map(s -> s.kind() == RegisteredState.Kind.REIO).orElse(false);
    }
}
