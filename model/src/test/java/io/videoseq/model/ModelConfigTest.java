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
                Arguments.of("feature_dim", (Supplier<?>) () -> d.withFeatureDim(0), "[1,"),
                Arguments.of("hidden_dim", (Supplier<?>) () -> d.withHiddenDim(-3), "[1,"),
                Arguments.of("num_classes", (Supplier<?>) () -> d.withNumClasses(1), "[2,"),
                Arguments.of("num_lstm_layers", (Supplier<?>) () -> d.withNumLstmLayers(0), "[1,"),
                Arguments.of("num_attention_heads", (Supplier<?>) () -> d.withNumAttentionHeads(0), "[1,"),
                Arguments.of("dropout", (Supplier<?>) () -> d.withDropout(1.0), "[0, 1)"),
                Arguments.of("dropout", (Supplier<?>) () -> d.withDropout(-0.1), "[0, 1)"),
                Arguments.of("dropout", (Supplier<?>) () -> d.withDropout(Double.NaN), "[0, 1)"),
                Arguments.of("head_dims", (Supplier<?>) () -> new ModelConfig(16, 8, 3, 1, 2, 0.1, true,
                        List.of(4, 4)), "exactly 3"),
                Arguments.of("head_dims[1]", (Supplier<?>) () -> d.withHeadDims(8, 0, 4), "[1,"),
                // 1536 % 10 != 0
                Arguments.of("num_attention_heads", (Supplier<?>) () -> d.withNumAttentionHeads(10), "1536"),
                // unidirectional: 8 % 16 != 0, although 2·8 would be divisible
                Arguments.of("num_attention_heads", (Supplier<?>) () -> new ModelConfig(16, 8, 3, 1, 16, 0.1, false,
                        List.of(4, 4, 4)), "= 8"),
                Arguments.of("hidden_dim", (Supplier<?>) () -> new ModelConfig(16, 1, 3, 1, 1, 0.1, false,
                        List.of(4, 4, 4)), "[2,"));
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
        ModelConfig c = new ModelConfig(16, 6, 3, 1, 4, 0.1, true, List.of(4, 4, 4));
        assertEquals(12, c.lstmOutputDim());
    }

    @Test
    void jsonRoundTripUsesSnakeCaseKeys() {
        ModelConfig c = new ModelConfig(16, 8, 3, 2, 2, 0.25, false, List.of(12, 10, 6));
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
        ModelConfig c = new ModelConfig(16, 8, 3, 1, 2, 0.1, true, Arrays.asList(dims));
        dims[0] = 99;
        assertEquals(4, c.headDims().get(0));
        assertThrows(UnsupportedOperationException.class, () -> c.headDims().set(0, 1));
    }
}
