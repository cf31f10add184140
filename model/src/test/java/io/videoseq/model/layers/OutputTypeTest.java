package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every videoseq layer reports its output shape for NCW sequences and refuses other inputs, naming itself. */
class OutputTypeTest {

    private static final InputType SEQ = InputType.recurrent(8, 5, RNNFormat.NCW);

    @Test
    void sequenceLayersKeepTheLengthAndSetTheirWidth() {
        assertEquals(InputType.recurrent(12, 5, RNNFormat.NCW),
                new BiLstm.Builder().nIn(8).nOut(6).build().getOutputType(0, SEQ));
        assertEquals(InputType.recurrent(8, 5, RNNFormat.NCW),
                new SelfAttentionBlock.Builder().nIn(8).nOut(8).numHeads(2).build().getOutputType(0, SEQ));
        assertEquals(InputType.feedForward(8),
                new AttentionPooling.Builder().nIn(8).hiddenSize(4).build().getOutputType(0, SEQ));
        LinearNorm linear = new LinearNorm.Builder().nIn(8).nOut(3).build();
        assertEquals(InputType.recurrent(3, 5, RNNFormat.NCW), linear.getOutputType(0, SEQ));
        assertEquals(InputType.feedForward(3), linear.getOutputType(0, InputType.feedForward(8)));
    }

    @Test
    void otherInputsAreRefusedNamingTheLayer() {
        List<Layer> layers = List.of(new BiLstm.Builder().name("bi").nIn(8).nOut(6).build(),
                new SelfAttentionBlock.Builder().name("att").nIn(8).nOut(8).numHeads(2).build(),
                new AttentionPooling.Builder().name("pool").nIn(8).hiddenSize(4).build(),
                new LinearNorm.Builder().name("lin").nIn(8).nOut(3).build());
        for (Layer layer : layers) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> layer.getOutputType(3, InputType.recurrent(8, 5, RNNFormat.NWC)));
            assertTrue(e.getMessage().contains(layer.getLayerName()) && e.getMessage().contains("NCW"),
                    e.getMessage());
        }
        for (Layer layer : layers.subList(0, 3)) {
            assertThrows(IllegalStateException.class, () -> layer.getOutputType(3, InputType.feedForward(8)),
                    layer.getLayerName());
        }
    }
}
