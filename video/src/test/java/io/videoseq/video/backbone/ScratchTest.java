package io.videoseq.video.backbone;

import io.videoseq.video.Preprocessing;
import io.videoseq.video.RgbFrame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void load() {
        long t0 = System.nanoTime();
        KerasBackbone b = KerasBackbone.load(Path.of("/tmp/vassets/package/dist/models/mobilenet_v2"), "flatten_1",
                Preprocessing.of(224, Preprocessing.ChannelOrder.RGB, 0, 255));
        System.out.println("loaded " + (System.nanoTime() - t0) / 1e9 + " " + b);
        System.out.println(b.graph().getConfiguration().getNetworkInputs() + " " + b.graph().summary().substring(0, 2000));
        byte[] px = new byte[224 * 224 * 3];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
        t0 = System.nanoTime();
        float[][] f = b.features(List.of(new RgbFrame(0, 224, 224, px), new RgbFrame(1, 224, 224, px)));
        System.out.println("2 frames " + (System.nanoTime() - t0) / 1e9 + " " + f[0][0] + " " + f[0][1] + " " + f[1][0]);
    }
}
