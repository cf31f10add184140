package io.videoseq.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The list of legacy class names: each alias is still there and loads as its class, each renamed name is gone. */
class LegacyTypesTest {

    @Test
    void everyAliasIsADeprecatedSubclassOfItsCurrentClass() throws Exception {
        for (Map.Entry<String, String> e : LegacyTypes.ALIASES.entrySet()) {
            Class<?> alias = Class.forName(e.getKey());
            Class<?> current = Class.forName(e.getValue());
            assertEquals(current, alias.getSuperclass(), e.getKey());
            assertTrue(alias.isAnnotationPresent(Deprecated.class), e.getKey() + " is marked deprecated");
            alias.getConstructor().newInstance();
        }
    }

    @Test
    void everyRenamedNameIsGoneAndItsCurrentClassExists() throws Exception {
        for (Map.Entry<String, String> e : LegacyTypes.RENAMED.entrySet()) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(e.getKey()));
            Class.forName(e.getValue());
        }
        for (String name : LegacyTypes.ONLY_FOR_OLD_FILES) {
            Class.forName(name);
        }
    }

    @Test
    void newModelsAreMadeOfNoLegacyClass() {
        for (boolean bidirectional : new boolean[] {true, false}) {
            ModelConfig c = ModelConfig.builder().featureDim(6).hiddenDim(4).numClasses(3).numLstmLayers(2)
                    .numAttentionHeads(2).bidirectional(bidirectional).headDims(List.of(8, 8, 4)).build();
            String json = TemporalModelFactory.configuration(c, GraphOptions.defaults()).toJson();
            Set<String> legacy = new HashSet<>(LegacyTypes.ONLY_FOR_OLD_FILES);
            legacy.addAll(LegacyTypes.ALIASES.keySet());
            legacy.addAll(LegacyTypes.RENAMED.keySet());
            for (String name : legacy) {
                assertFalse(json.contains('"' + name + '"'), name + " in a new model (bidirectional "
                        + bidirectional + ")");
            }
        }
    }

    @Test
    void aNameIsEitherAnAliasOrRenamed() {
        Set<String> both = new HashSet<>(LegacyTypes.ALIASES.keySet());
        both.retainAll(LegacyTypes.RENAMED.keySet());
        assertEquals(Set.of(), both);
    }

    @Test
    void renamingRewritesOnlyWholeQuotedTypeIds() {
        String json = "{\"@class\":\"io.videoseq.training.optim.AdamW\",\"note\":\"io.videoseq.training.optim.AdamWx\"}";
        assertEquals("{\"@class\":\"io.videoseq.model.optim.AdamW\",\"note\":\"io.videoseq.training.optim.AdamWx\"}",
                LegacyTypes.toCurrent(json));
        String alias = "{\"@class\":\"io.videoseq.model.MaskedRecurrent\"}";
        assertEquals(alias, LegacyTypes.toCurrent(alias), "aliases are loaded as they are");
    }
}
