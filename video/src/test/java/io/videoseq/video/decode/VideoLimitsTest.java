package io.videoseq.video.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VideoLimitsTest {
    @Test
    void roundTripsThroughJson() {
        VideoLimits l = new VideoLimits(1920 * 1080, 500, 12.5);
        assertEquals("{\"max_pixels\":2073600,\"max_decoded_frames\":500,\"max_seconds\":12.5}", l.toJson());
        assertEquals(l, VideoLimits.fromJson(l.toJson()));
        assertEquals(Duration.ofMillis(12_500), l.maxWallTime());
        assertEquals(VideoLimits.DEFAULT, VideoLimits.fromJson(VideoLimits.DEFAULT.toJson()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0;1;1;max_pixels: expected an integer in [1, 536870912], found 0",
        "536870913;1;1;max_pixels: expected an integer in [1, 536870912], found 536870913",
        "1;0;1;max_decoded_frames: expected an integer in [1, 2147483647], found 0",
        "1;1;0;max_seconds: expected a number in (0, 604800], found 0.0",
        "1;1;NaN;max_seconds: expected a number in (0, 604800], found NaN"})
    void refusesValuesOutsideTheirRangeNamingTheKey(long pixels, long frames, double seconds, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new VideoLimits(pixels, frames, seconds)).getMessage());
    }

    @Test
    void aBadJsonValueNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VideoLimits.fromJson("{\"max_pixels\":-5,\"max_decoded_frames\":1,\"max_seconds\":1}"));
        assertEquals("video limits: max_pixels: expected an integer in [1, 536870912], found -5", e.getMessage());
    }
}
