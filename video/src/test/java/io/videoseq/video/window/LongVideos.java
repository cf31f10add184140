package io.videoseq.video.window;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * A long video made of known clips, in the test's set-up, with the FFmpeg the decoder uses (JavaCV's, so the test
 * needs no ffmpeg program): each clip's frames re-encoded (MPEG-4 part 2 in MP4, 320 x 240) at their own
 * presentation times shifted by the clips before, on a 10 ms time base. Clips of different frame rates so make a
 * file of variable frame rate, whose true boundaries are the sums of the clips' durations.
 */
final class LongVideos {
    private LongVideos() {
    }

    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    /** @return the end of each clip in the long video, in seconds */
    static double[] concatenate(List<Path> clips, Path out) throws Exception {
        double[] ends = new double[clips.size()];
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), 320, 240, 0)) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(100);
            r.setVideoQuality(3);
            r.start();
            long offset = 0;
            for (int c = 0; c < clips.size(); c++) {
                long last = 0;
                long step = 0;
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clips.get(c).toFile())) {
                    g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
                    g.start();
                    step = Math.round(1e6 / g.getFrameRate());
                    Frame f;
                    while ((f = g.grabFrame(false, true, true, false, false)) != null) {
                        r.setTimestamp(offset + f.timestamp);
                        r.record(f, avutil.AV_PIX_FMT_RGB24);
                        last = f.timestamp;
                    }
                }
                offset += last + step;
                ends[c] = offset / 1e6;
            }
            r.stop();
        }
        return ends;
    }
}
