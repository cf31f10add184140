package io.videoseq.training.run;

import io.videoseq.training.callback.TrainingCallback;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The states of a run's stateful callbacks ({@link TrainingCallback#stateKey()} not null): taken when a
 * checkpoint is written, handed back when a run resumes, so a callback continues exactly where it was (as
 * Lightning stores callback state in its checkpoints).
 */
public final class CallbackStates {

    /** A run without stateful callbacks. */
    static final CallbackStates NONE = new CallbackStates(List.of());

    private final List<TrainingCallback> callbacks;

    CallbackStates(List<TrainingCallback> callbacks) {
        this.callbacks = List.copyOf(callbacks);
        for (int i = 0; i < this.callbacks.size(); i++) {
            String key = this.callbacks.get(i).stateKey();
            for (int j = 0; j < i && key != null; j++) {
                if (key.equals(this.callbacks.get(j).stateKey())) {
                    throw new IllegalArgumentException("two training callbacks use the state key '" + key
                            + "': " + this.callbacks.get(j).getClass().getName() + " and "
                            + this.callbacks.get(i).getClass().getName());
                }
            }
        }
    }

    /** Every stateful callback's state now, by key. */
    Map<String, JsonNode> snapshot() {
        Map<String, JsonNode> out = new TreeMap<>();
        for (TrainingCallback cb : callbacks) {
            if (cb.stateKey() != null) {
                JsonNode s = cb.state();
                if (s != null) {
                    out.put(cb.stateKey(), s.deepCopy());
                }
            }
        }
        return out;
    }

    /** Hands each stateful callback its state from a checkpoint (a callback new to the run gets none). */
    void restore(Map<String, JsonNode> saved) {
        for (TrainingCallback cb : callbacks) {
            if (cb.stateKey() != null && saved.containsKey(cb.stateKey())) {
                cb.restore(saved.get(cb.stateKey()).deepCopy());
            }
        }
    }
}
