package io.videoseq.monitor;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.CrashReportingUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's own out-of-memory crash report reads the system through OSHI 3.x API; with the OSHI the monitor uses on
 * the classpath it must still produce its system section (with OSHI 6 it threw NoSuchMethodError:
 * CentralProcessor.getName() and lost it).
 */
class OshiCompatibilityTest {

    @Test
    void dl4jsCrashReportRunsWithTheMonitorsOshi() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(3).nOut(2).build(), "in").setOutputs("d").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        String report = CrashReportingUtil.generateMemoryStatus(g, 4);
        assertTrue(report.contains("CPU"), report);
        assertFalse(report.contains("NoSuchMethodError"), report);
        assertFalse(report.contains("Error generating"), report);
    }

    @Test
    void systemCpuIsTheShareOfNonIdleTicks() {
        long[] before = {0, 0, 0, 0, 0, 0, 0, 0};
        long[] after = {30, 0, 10, 50, 10, 0, 0, 0}; // user, nice, system, idle, iowait, irq, softirq, steal
        assertEquals(0.4, ResourceSampler.busyFraction(before, after), 1e-12);
        assertEquals(0.0, ResourceSampler.busyFraction(after, after));
    }
}
