package io.videoseq.torch;

import io.videoseq.model.GraphOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken variants of parity.h5 (made by make_bad_state_dicts.py) give one-line errors naming the problem. */
class TorchImporterErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad_shape.h5|dataset 'state_dict/lstm.weight_hh_l1': expected shape [32, 8], found [32, 9]",
            "bad_extra_key.h5|dataset 'state_dict/lstm.weight_ih_l2' is not a parameter",
            "bad_missing_key.h5|dataset 'state_dict/attention.out_proj.bias' is missing",
            "bad_config.h5|attribute 'config': model config: unknown key 'num_heads'",
            "bad_dtype.h5|dataset 'state_dict/classifier.12.bias': expected floating-point values"})
    void brokenFileGivesOneLineError(String name, String expected, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/" + name)) {
            Files.copy(in, file);
        }
        TorchImportException e = assertThrows(TorchImportException.class,
                () -> TorchImporter.load(file, GraphOptions.defaults().withDataType(DataType.DOUBLE)));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
