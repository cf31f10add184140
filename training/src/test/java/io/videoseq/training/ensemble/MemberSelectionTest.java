package io.videoseq.training.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --members}: numbers, lists and ranges of 1-based member numbers of an ensemble of 4. */
class MemberSelectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "3       | 3",
        "'1,3'   | 1 3",
        "2-4     | 2 3 4",
        "'1,3-4' | 1 3 4",
        "'4,1,1' | 1 4",
        "' 2 , 3'| 2 3",
        "1-4     | 1 2 3 4",
    })
    void parses(String spec, String expected) {
        MemberSelection s = MemberSelection.parse(spec, 4);
        assertEquals(Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList(), s.members());
        assertEquals(s.members().stream().map(k -> k - 1).toList(), s.indices());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0       | in [1, 4], found 0",
        "5       | in [1, 4], found 5",
        "2-5     | in [1, 4], found 5",
        "1-200000000 | in [1, 4], found 200000000",
        "4-2     | FROM <= TO, found 4-2",
        "a       | such as 3, 1,3 or 2-4, found 'a'",
        "'1,'    | found '1,'",
        "-1      | found '-1'",
        "2-      | found '2-'",
        "1.5     | found '1.5'",
        "99999999999 | found '99999999999'",
    })
    void refusesWithWhatWasExpectedAndFound(String spec, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemberSelection.parse(spec, 4));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void allIsEveryMember() {
        assertEquals(List.of(1, 2, 3), MemberSelection.all(3).members());
        assertTrue(MemberSelection.all(3).isAll());
        assertEquals("1, 3 of 4", MemberSelection.parse("3,1", 4).toString());
    }
}
