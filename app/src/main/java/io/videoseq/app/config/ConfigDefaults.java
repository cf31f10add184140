package io.videoseq.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;

/**
 * The records' defaults as a resource bundle for picocli's {@code ${bundle:default.training.epochs}} help
 * variables, so {@code --help} shows what {@link TrainConfig#defaults()} and {@link ModelConfig#defaults()} say
 * instead of numbers copied into the option descriptions. Keys are {@code default.<section>.<snake_case key>};
 * none of them can collide with picocli's own description keys (option names).
 */
public final class ConfigDefaults extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        RunConfig defaults = new RunConfig(ModelConfig.defaults(), TrainConfig.defaults());
        JsonNode json = defaults.toJson();
        List<Object[]> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = json.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                JsonNode v = key.getValue();
                entries.add(new Object[] {"default." + section.getKey() + "." + key.getKey(),
                    v.isTextual() ? v.asText() : v.toString()});
            }
        }
        return entries.toArray(Object[][]::new);
    }
}
