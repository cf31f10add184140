package io.videoseq.training.history;

import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.videoseq.training.history.TrainingProgressTest.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
