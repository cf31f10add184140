package io.videoseq.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelConfigTest {

    @Test
    void defaultsAreTheProductionValues() {
        ModelConfig c = ModelConfig.defaults();
        assertEquals(1280, c.featureDim());
        assertEquals(768, c.hiddenDim());
        assertEquals(4, c.numClasses());
        assertEquals(4, c.numLstmLayers());
        assertEquals(12, c.numAttentionHeads());
        assertEquals(0.4, c.dropout());
        assertTrue(c.bidirectional());
        assertEquals(List.of(768, 512, 256), c.headDims());
        assertEquals(1536, c.lstmOutputDim());
        assertEquals(768, c.poolingHiddenDim());
    }

    static Stream<Arguments> invalid() {
        ModelConfig d = ModelConfig.defaults();
        return Stream.of(
                Arguments.of("feature_dim", (Supplier<?>) () -> d.toBuilder().featureDim(0).build(), "[1,"),
                Arguments.of("hidden_dim", (Supplier<?>) () -> d.toBuilder().hiddenDim(-3).build(), "[1,"),
                Arguments.of("num_classes", (Supplier<?>) () -> d.toBuilder().numClasses(1).build(), "[2,"),
                Arguments.of("num_lstm_layers", (Supplier<?>) () -> d.toBuilder().numLstmLayers(0).build(), "[1,"),
                Arguments.of("num_attention_heads", (Supplier<?>) () -> d.toBuilder().numAttentionHeads(0)
                        .build(), "[1,"),
                Arguments.of("dropout", (Supplier<?>) () -> d.toBuilder().dropout(1.0).build(), "[0, 1)"),
                Arguments.of("dropout", (Supplier<?>) () -> d.toBuilder().dropout(-0.1).build(), "[0, 1)"),
                Arguments.of("dropout", (Supplier<?>) () -> d.toBuilder().dropout(Double.NaN).build(), "[0, 1)"),
                Arguments.of("head_dims", (Supplier<?>) () -> ModelConfig.builder().featureDim(16).hiddenDim(8)
                        .numClasses(3).numLstmLayers(1).numAttentionHeads(2).dropout(0.1).bidirectional(true)
                        .headDims(List.of(4, 4)).build(), "exactly 3"),
                Arguments.of("head_dims[1]", (Supplier<?>) () -> d.toBuilder().headDims(8, 0, 4).build(), "[1,"),
                // 1536 % 10 != 0
                Arguments.of("num_attention_heads", (Supplier<?>) () -> d.toBuilder().numAttentionHeads(10)
                        .build(), "1536"),
                // unidirectional: 8 % 16 != 0, although 2·8 would be divisible
                Arguments.of("num_attention_heads", (Supplier<?>) () -> ModelConfig.builder().featureDim(16)
                        .hiddenDim(8).numClasses(3).numLstmLayers(1).numAttentionHeads(16).dropout(0.1)
                        .bidirectional(false).headDims(List.of(4, 4, 4)).build(), "= 8"),
                Arguments.of("hidden_dim", (Supplier<?>) () -> ModelConfig.builder().featureDim(16).hiddenDim(1)
                        .numClasses(3).numLstmLayers(1).numAttentionHeads(1).dropout(0.1).bidirectional(false)
                        .headDims(List.of(4, 4, 4)).build(), "[2,"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("invalid")
    void invalidValuesNameFieldValueAndRange(String field, Supplier<?> make, String range) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().startsWith(field + " = "), e.getMessage());
        assertTrue(e.getMessage().contains(range), e.getMessage());
    }

    @Test
    void headsMustDivideTheBidirectionalWidthNotTheHiddenSize() {
        // hidden 6 is not divisible by 4 heads, but the attention width 12 is: PyTorch accepts it, so do we.
        ModelConfig c = ModelConfig.builder().featureDim(16).hiddenDim(6).numClasses(3).numLstmLayers(1)
                .numAttentionHeads(4).dropout(0.1).bidirectional(true).headDims(List.of(4, 4, 4)).build();
        assertEquals(12, c.lstmOutputDim());
    }

    @Test
    void jsonRoundTripUsesSnakeCaseKeys() {
        ModelConfig c = ModelConfig.builder().featureDim(16).hiddenDim(8).numClasses(3).numLstmLayers(2)
                .numAttentionHeads(2).dropout(0.25).bidirectional(false).headDims(List.of(12, 10, 6)).build();
        String json = c.toJson();
        assertEquals("{\"feature_dim\":16,\"hidden_dim\":8,\"num_classes\":3,\"num_lstm_layers\":2,"
                + "\"num_attention_heads\":2,\"dropout\":0.25,\"bidirectional\":false,\"head_dims\":[12,10,6]}", json);
        assertEquals(c, ModelConfig.fromJson(json));
        assertEquals(ModelConfig.defaults(), ModelConfig.fromJson(ModelConfig.defaults().toJson()));
    }

    @Test
    void omittedKeysTakeDefaults() {
        ModelConfig c = ModelConfig.fromJson("{\"feature_dim\": 16, \"hidden_dim\": 8, \"num_classes\": 3,"
                + " \"num_lstm_layers\": 2, \"num_attention_heads\": 2, \"dropout\": 0.4, \"head_dims\": [12, 10, 6]}");
        assertTrue(c.bidirectional());
        assertEquals(ModelConfig.defaults(), ModelConfig.fromJson("{}"));
    }

    @Test
    void unknownKeyIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson("{\"num_classes\": 3, \"mask_padding\": true}"));
        assertTrue(e.getMessage().contains("unknown key 'mask_padding'"), e.getMessage());
    }

    @Test
    void invalidJsonValueReportsTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson("{\"dropout\": 1.5}"));
        assertTrue(e.getMessage().startsWith("dropout = 1.5"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson("{\"hidden_dim\": \"eight\"}"));
        assertTrue(bad.getMessage().contains("malformed"), bad.getMessage());
    }

    @Test
    void headDimsAreImmutable() {
        Integer[] dims = {4, 5, 6};
        ModelConfig c = ModelConfig.builder().featureDim(16).hiddenDim(8).numClasses(3).numLstmLayers(1)
                .numAttentionHeads(2).dropout(0.1).bidirectional(true).headDims(Arrays.asList(dims)).build();
        dims[0] = 99;
        assertEquals(4, c.headDims().get(0));
        assertThrows(UnsupportedOperationException.class, () -> c.headDims().set(0, 1));
    }

    @Test
    void theBuilderValidatesOnceSoConstrainedSettingsCanComeInAnyOrder() {
        // hidden 32 with the default 12 heads is invalid (64 % 12 != 0); a wither chain threw at the first step.
        ModelConfig a = ModelConfig.builder().hiddenDim(32).numAttentionHeads(4).build();
        ModelConfig b = ModelConfig.builder().numAttentionHeads(4).hiddenDim(32).build();
        assertEquals(a, b);
        assertEquals(ModelConfig.defaults(), ModelConfig.builder().build());
        assertEquals(a, a.toBuilder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder().hiddenDim(32).build());
        assertTrue(e.getMessage().contains("num_attention_heads = 12"), e.getMessage());
    }
}
