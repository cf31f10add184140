package io.videoseq.training.history;

import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.videoseq.training.history.TrainingProgressTest.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingHistoryTest {

    @Test
    void csvHasHeaderPerClassColumnsAndOneRowPerEpoch(@TempDir Path dir) throws Exception {
        TrainingHistory h = TrainingHistory.empty().plus(epoch(1, 50)).plus(epoch(2, 75));
        Path csv = dir.resolve("m_history.csv");
        h.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,train_loss,train_acc,val_loss,val_acc,val_weighted_f1,worst_class_f1,learning_rate,"
                + "seconds,f1_class_0,f1_class_1", lines.get(0));
        assertEquals("2,0.5,52.0,0.5,75.0,74.0,73.0,0.001,0.25,75.0,73.0", lines.get(2));
        assertEquals(3, lines.size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may remain");
        }
    }

    @Test
    void jsonRoundTripIsAnArrayOfSnakeCaseRecords() throws Exception {
        TrainingProgress p = TrainingProgress.start().after(epoch(1, 50)).after(epoch(2, 40));
        String json = Json.mapper().writeValueAsString(p);
        assertEquals(p, Json.mapper().readValue(json, TrainingProgress.class));
        assertEquals(true, json.contains("\"val_per_class_f1\""), json);
        assertEquals(true, json.contains("\"epochs_without_improvement\" : 1"), json);
    }

    @Test
    void aMetricFirstRecordedMidRunLeavesTheEarlierCellsEmpty() {
        TrainingHistory h = TrainingHistory.empty().plus(epoch(1, 50))
                .plus(TrainingProgressTest.lossEpoch(2, 0.5, 60, null))
                .plus(TrainingProgressTest.lossEpoch(3, 0.4, 70, 12.5));
        List<String> lines = h.toCsv().lines().toList();
        assertEquals("epoch,train_loss,train_acc,val_loss,val_acc,val_weighted_f1,worst_class_f1,val_macro_f1,"
                + "learning_rate,seconds,f1_class_0,f1_class_1", lines.get(0));
        assertEquals("1,1.0,51.0,0.5,50.0,49.0,48.0,,0.001,0.25,50.0,48.0", lines.get(1));
        assertEquals("2,1.0,50.0,0.5,60.0,60.0,60.0,,0.001,0.25,60.0,60.0", lines.get(2), "undefined: empty");
        assertEquals("3,1.0,50.0,0.4,70.0,70.0,70.0,12.5,0.001,0.25,70.0,70.0", lines.get(3));
    }

    @Test
    void aRecordWithAnAddedValueReadsBackAndADamagedOneIsRefusedNamingTheKey() throws Exception {
        EpochRecord r = TrainingProgressTest.lossEpoch(1, 0.5, 60, 12.5);
        String json = Json.mapper().writeValueAsString(r);
        assertTrue(json.indexOf("\"worst_class_f1\"") < json.indexOf("\"val_macro_f1\"")
                && json.indexOf("\"val_macro_f1\"") < json.indexOf("\"learning_rate\""), json);
        assertEquals(r, Json.mapper().readValue(json, EpochRecord.class));
        assertEquals(12.5, r.value("val_macro_f1"));
        assertTrue(Double.isNaN(r.value("val_ece")), "not recorded");

        String noSeconds = json.replaceAll(",\\s*\"seconds\" : [0-9.]+", "");
        assertTrue(message(noSeconds).contains("epoch record: seconds is missing, expected a number"),
                message(noSeconds));
        String text = json.replace("\"val_macro_f1\" : 12.5", "\"val_macro_f1\" : \"12.5\"");
        assertTrue(message(text).contains("epoch record: val_macro_f1 is STRING, expected a number or a list"),
                message(text));
        String noAcc = json.replaceAll("\"val_acc\" : [0-9.]+,", "");
        assertTrue(message(noAcc).contains("epoch record: val_acc is missing"), message(noAcc));
    }

    private static String message(String json) {
        Exception e = assertThrows(Exception.class, () -> Json.mapper().readValue(json, EpochRecord.class));
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
