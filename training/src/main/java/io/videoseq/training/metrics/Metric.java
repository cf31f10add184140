package io.videoseq.training.metrics;

import com.fasterxml.jackson.core.type.TypeReference;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One named metric: a name, a function of the {@link Scored} labels and probabilities, a {@link Direction}, and
 * where it is shown (Tribuo's and Lightning's idea of a metric, plus what videoseq's files need). The results JSON
 * writes every registered metric under its name; the history records the ones {@link #recordedEveryEpoch} (and the
 * monitored one) under {@link #column}; the report page and the console show the ones with a {@link Page} or
 * {@link Console} presentation. See {@link MetricRegistry} for the built-in ones.
 *
 * @param name       snake_case key in the results JSON and the evaluation report
 * @param direction  which way is better; {@link Direction#NONE} for a breakdown
 * @param shape      the value's shape, which is also how it is read back from JSON
 * @param function   the value: a {@code Double} (null when undefined) for {@link Shape#SCALAR}, an
 *                   {@code Integer} for {@link Shape#COUNT}, a {@code List<Double>} or {@code List<Integer>} with one
 *                   entry per class, a list of such rows for the matrices
 * @param column     the name of its validation value in the history (CSV column, history JSON key, and the
 *                   {@code monitor} that names it); by default {@code val_} + name. The CSV spreads a per-class value
 *                   over columns {@code <what>_class_<k>}, what being the column without {@code val_per_class_}.
 * @param recordedEveryEpoch whether the history records it after every epoch (a monitored metric is recorded anyway)
 * @param page       its column on the report page, or null
 * @param console    its place on the console's epoch line, or null
 */
public record Metric(String name, Direction direction, Shape shape, Function<Scored, Object> function,
                     String column, boolean recordedEveryEpoch, Page page, Console console) {

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");

    /** The kinds of value a metric has; each knows its JSON type. */
    public enum Shape {
        /** A number, null where undefined. */
        SCALAR(new TypeReference<Double>() { }),
        /** A count (of examples). */
        COUNT(new TypeReference<Integer>() { }),
        /** A number per class. */
        PER_CLASS(new TypeReference<List<Double>>() { }),
        /** A count per class. */
        PER_CLASS_COUNT(new TypeReference<List<Integer>>() { }),
        /** A class-by-class matrix of numbers. */
        MATRIX(new TypeReference<List<List<Double>>>() { }),
        /** A class-by-class matrix of counts. */
        MATRIX_COUNT(new TypeReference<List<List<Integer>>>() { });

        private final TypeReference<?> json;

        Shape(TypeReference<?> json) {
            this.json = json;
        }

        /** The Java type its JSON value is read as. */
        public TypeReference<?> jsonType() {
            return json;
        }
    }

    /** Which table of the report page. */
    public enum Table {
        /** One row per model and view. */
        SUMMARY,
        /** One row per class (per-class shapes only). */
        PER_CLASS
    }

    /**
     * A column of the report page.
     *
     * @param table    the table
     * @param heading  the column heading (HTML, written as given)
     * @param decimals digits after the point
     * @param position where in the table: columns are sorted by it, then by registration
     */
    public record Page(Table table, String heading, int decimals, int position) {
        public Page {
            Objects.requireNonNull(table, "page table");
            Objects.requireNonNull(heading, "page heading");
        }
    }

    /**
     * A value on the console's epoch line, e.g. {@code acc 65.5%}.
     *
     * @param label  before the value
     * @param format {@link String#format} pattern of the value
     */
    public record Console(String label, String format) {
        public Console {
            Objects.requireNonNull(label, "console label");
            Objects.requireNonNull(format, "console format");
        }
    }

    public Metric {
        Objects.requireNonNull(name, "metric name");
        if (!SNAKE.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "': expected snake_case ([a-z][a-z0-9_]*)");
        }
        Objects.requireNonNull(direction, "metric " + name + ": direction");
        Objects.requireNonNull(shape, "metric " + name + ": shape");
        Objects.requireNonNull(function, "metric " + name + ": function");
        column = column == null ? "val_" + name : column;
        if ((direction != Direction.NONE) != (shape == Shape.SCALAR)) {
            throw new IllegalArgumentException("metric " + name + ": a " + shape + " with direction " + direction
                    + "; only a scalar has a better value (max or min), a breakdown has none");
        }
        if (recordedEveryEpoch && shape != Shape.SCALAR && shape != Shape.PER_CLASS) {
            throw new IllegalArgumentException("metric " + name + ": the history records numbers and per-class"
                    + " numbers, not a " + shape);
        }
        if (page != null && (page.table() == Table.PER_CLASS) != (shape == Shape.PER_CLASS
                || shape == Shape.PER_CLASS_COUNT)) {
            throw new IllegalArgumentException("metric " + name + ": a " + shape + " cannot be a column of the "
                    + page.table() + " table");
        }
        if (console != null && shape != Shape.SCALAR) {
            throw new IllegalArgumentException("metric " + name + ": the console shows numbers, not a " + shape);
        }
    }

    /** A number that is better when higher or lower; not in the history, the page or the console until told. */
    public static Metric scalar(String name, Direction direction, Function<Scored, Double> function) {
        return new Metric(name, direction, Shape.SCALAR, function::apply, null, false, null, null);
    }

    /** A breakdown (counts, per-class values, a matrix). */
    public static Metric breakdown(String name, Shape shape, Function<Scored, Object> function) {
        return new Metric(name, Direction.NONE, shape, function, null, false, null, null);
    }

    /** This metric recorded in the history after every epoch, under its {@link #column}. */
    public Metric everyEpoch() {
        return new Metric(name, direction, shape, function, column, true, page, console);
    }

    /** This metric under another history column (the built-ins keep the names the history had before). */
    public Metric column(String historyColumn) {
        return new Metric(name, direction, shape, function, historyColumn, recordedEveryEpoch, page, console);
    }

    /** This metric as a column of the page's {@code table}, sorted after the built-in columns. */
    public Metric onPage(Table table, String heading, int decimals) {
        return onPage(table, heading, decimals, Integer.MAX_VALUE);
    }

    /** This metric as a column of the page's {@code table}, at {@code position}. */
    public Metric onPage(Table table, String heading, int decimals, int position) {
        return new Metric(name, direction, shape, function, column, recordedEveryEpoch,
                new Page(table, heading, decimals, position), console);
    }

    /** This metric on the console's epoch line. */
    public Metric onConsole(String label, String format) {
        return new Metric(name, direction, shape, function, column, recordedEveryEpoch, page,
                new Console(label, format));
    }

    /** Its value for {@code scored}. */
    public Object valueOf(Scored scored) {
        return function.apply(scored);
    }

    /** The CSV column of class {@code k} of a per-class value, e.g. {@code f1_class_2}. */
    public static String perClassCsvColumn(String column, int k) {
        String what = column.startsWith("val_per_class_") ? column.substring("val_per_class_".length()) : column;
        return what + "_class_" + k;
    }
}
