package io.videoseq.video.backbone;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Backbone files from an attacker, written by the tests themselves: a one-Dense-layer Keras model
 * ({@code input [3] -> dense_1 [4]}) as a TensorFlow.js {@code model.json} + shard or as a Keras {@code .h5}, then
 * damaged one way per {@link Case}. Shared by the unit tests ({@code HostileBackboneFilesTest}) and the command-line
 * tests in a capped child JVM (app's {@code HostileBackboneTest}).
 */
public final class HostileBackbones {
    private HostileBackbones() {
    }

    /**
     * One hostile file: {@code make} writes it into an empty folder and returns the path to give {@code --backbone};
     * the refusal must contain every fragment (the file's name is added by the tests).
     */
    public record Case(String name, Function<Path, Path> make, List<String> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The Keras model JSON of {@code input_1 [inputs] -> dense_1 [units]}. */
    public static String denseModel(long inputs, long units) {
        return "{\"class_name\":\"Model\",\"config\":{\"name\":\"m\",\"layers\":["
                + "{\"name\":\"input_1\",\"class_name\":\"InputLayer\",\"config\":{\"batch_input_shape\":[null," + inputs
                + "],\"dtype\":\"float32\",\"sparse\":false,\"name\":\"input_1\"},\"inbound_nodes\":[]},"
                + "{\"name\":\"dense_1\",\"class_name\":\"Dense\",\"config\":{\"name\":\"dense_1\",\"trainable\":true,"
                + "\"units\":" + units + ",\"activation\":\"relu\",\"use_bias\":true,\"kernel_initializer\":"
                + "{\"class_name\":\"Zeros\",\"config\":{}},\"bias_initializer\":{\"class_name\":\"Zeros\",\"config\":{}},"
                + "\"kernel_regularizer\":null,\"bias_regularizer\":null,\"activity_regularizer\":null,"
                + "\"kernel_constraint\":null,\"bias_constraint\":null},\"inbound_nodes\":[[[\"input_1\",0,0,{}]]]}],"
                + "\"input_layers\":[[\"input_1\",0,0]],\"output_layers\":[[\"dense_1\",0,0]]}}";
    }

    /** The Keras model JSON of {@code input_1 [224, 224, 3] -> conv [1 x 1, filters]}. */
    public static String convModel(long filters) {
        return "{\"class_name\":\"Model\",\"config\":{\"name\":\"m\",\"layers\":["
                + "{\"name\":\"input_1\",\"class_name\":\"InputLayer\",\"config\":{\"batch_input_shape\":"
                + "[null,224,224,3],\"dtype\":\"float32\",\"sparse\":false,\"name\":\"input_1\"},\"inbound_nodes\":[]},"
                + "{\"name\":\"conv\",\"class_name\":\"Conv2D\",\"config\":{\"name\":\"conv\",\"trainable\":true,"
                + "\"filters\":" + filters + ",\"kernel_size\":[1,1],\"strides\":[1,1],\"padding\":\"valid\","
                + "\"data_format\":\"channels_last\",\"dilation_rate\":[1,1],\"activation\":\"linear\","
                + "\"use_bias\":true,\"kernel_initializer\":{\"class_name\":\"Zeros\",\"config\":{}},"
                + "\"bias_initializer\":{\"class_name\":\"Zeros\",\"config\":{}},\"kernel_regularizer\":null,"
                + "\"bias_regularizer\":null,\"activity_regularizer\":null,\"kernel_constraint\":null,"
                + "\"bias_constraint\":null},\"inbound_nodes\":[[[\"input_1\",0,0,{}]]]}],"
                + "\"input_layers\":[[\"input_1\",0,0]],\"output_layers\":[[\"conv\",0,0]]}}";
    }

    /** A tfjs {@code model.json} around {@code topology} (a Keras model JSON) and the manifest text given. */
    public static String modelJson(String topology, String manifest) {
        return "{\"format\":\"layers-model\",\"modelTopology\":{\"keras_version\":\"2.2.4\",\"backend\":\"tensorflow\","
                + "\"model_config\":" + topology + "},\"weightsManifest\":" + manifest + "}";
    }

    /** The manifest of {@code dense_1}'s kernel and bias with the given shapes, in one shard. */
    public static String denseManifest(String kernelShape, String biasShape) {
        return "[{\"paths\":[\"group1-shard1of1.bin\"],\"weights\":["
                + "{\"name\":\"dense_1/kernel\",\"shape\":" + kernelShape + ",\"dtype\":\"float32\"},"
                + "{\"name\":\"dense_1/bias\",\"shape\":" + biasShape + ",\"dtype\":\"float32\"}]}]";
    }

    /** Writes {@code model.json} and a shard of {@code shardFloats} zeros into {@code dir}; returns model.json. */
    public static Path tfjs(Path dir, String modelJson, int shardFloats) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("model.json"), modelJson);
            Files.write(dir.resolve("group1-shard1of1.bin"), new byte[4 * shardFloats]);
            return dir.resolve("model.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid tiny tfjs model: 3 x 4 kernel, 4 biases, all in its one shard. */
    public static Path validTfjs(Path dir) {
        return tfjs(dir, modelJson(denseModel(3, 4), denseManifest("[3,4]", "[4]")), 16);
    }

    private static Case tfjsCase(String name, String modelJson, int shardFloats, String... fragments) {
        return new Case(name, dir -> tfjs(dir, modelJson, shardFloats), List.of(fragments));
    }

    /** The tfjs cases: each a one-line refusal naming the key, expected and found. */
    public static List<Case> tfjsCases() {
        String dense = denseModel(3, 4);
        List<Case> cases = new ArrayList<>();
        cases.add(tfjsCase("a Dense layer of 2^30 units and no weights",
                modelJson(denseModel(3, 1L << 30), "[]"), 0,
                "layer dense_1: units: expected an integer 1..65536, found 1073741824"));
        cases.add(tfjsCase("widths within the cap whose product DL4J would allocate (2^14 x 2^16)",
                modelJson(denseModel(1L << 14, 1L << 16), "[]"), 0,
                "layer dense_1: expected at most 268435456 parameters, found DenseLayer 16384 -> 65536"));
        cases.add(tfjsCase("a 5x5 kernel for a 3x4 Dense layer",
                modelJson(dense, denseManifest("[5,5]", "[4]")), 29,
                "layer dense_1: weight kernel: expected shape [3, 4]", "found [5, 5]"));
        cases.add(tfjsCase("a 1x1 convolution to 65,536 channels (13 GB of activations at 224 x 224)",
                modelJson(convModel(1 << 16), "[{\"paths\":[\"group1-shard1of1.bin\"],\"weights\":["
                        + "{\"name\":\"conv/kernel\",\"shape\":[1,1,3,65536],\"dtype\":\"float32\"},"
                        + "{\"name\":\"conv/bias\",\"shape\":[65536],\"dtype\":\"float32\"}]}]"), 4 << 16,
                "layer conv: expected at most 67108864 activation values per 224 x 224 frame, found 3288334336"));
        cases.add(tfjsCase("a layer name with a newline", modelJson(dense,
                denseManifest("[3,4]", "[4]").replace("dense_1/", "dense_1\\nx/")), 16,
                "weights of layer dense_1?x: expected a layer of that name in the model's topology, found none"));
        cases.add(tfjsCase("a Dense layer without weights", modelJson(dense, "[]"), 0,
                "layer dense_1: expected weights for its 16 parameters", "found none"));
        cases.add(tfjsCase("shards holding fewer bytes than declared",
                modelJson(dense, denseManifest("[3,4]", "[4]")), 15,
                "weightsManifest[0]: expected 64 bytes of weights in shards [group1-shard1of1.bin], found 60"));
        cases.add(tfjsCase("a weight of 2^31 x 2^31 values",
                modelJson(dense, denseManifest("[2147483648,2147483648]", "[4]")), 16,
                "weightsManifest[0].weights[0].shape[0] (dense_1/kernel): expected an integer 1..268435456,"
                        + " found 2147483648"));
        cases.add(tfjsCase("a negative shape", modelJson(dense, denseManifest("[-3,4]", "[4]")), 16,
                "weightsManifest[0].weights[0].shape[0] (dense_1/kernel): expected an integer 1..268435456,"
                        + " found -3"));
        cases.add(tfjsCase("a string shape", modelJson(dense, denseManifest("\"3x4\"", "[4]")), 16,
                "weightsManifest[0].weights[0].shape (dense_1/kernel): expected an array, found the string \"3x4\""));
        cases.add(tfjsCase("a numeric weight name", modelJson(dense,
                "[{\"paths\":[\"group1-shard1of1.bin\"],\"weights\":[{\"name\":7,\"shape\":[4],\"dtype\":\"float32\"}]}]"),
                4, "weightsManifest[0].weights[0].name: expected a string, found 7"));
        cases.add(tfjsCase("an object for weightsManifest", modelJson(dense, "{\"paths\":[]}"), 0,
                "weightsManifest: expected an array, found an object"));
        cases.add(tfjsCase("a group without paths", modelJson(dense,
                "[{\"weights\":[{\"name\":\"dense_1/bias\",\"shape\":[4],\"dtype\":\"float32\"}]}]"), 4,
                "weightsManifest[0].paths: expected an array, found null (or none)"));
        cases.add(tfjsCase("a string for a quantization scale", modelJson(dense,
                "[{\"paths\":[\"group1-shard1of1.bin\"],\"weights\":[{\"name\":\"dense_1/bias\",\"shape\":[4],"
                        + "\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"uint8\",\"scale\":\"big\",\"min\":0}}]}]"),
                1, "weightsManifest[0].weights[0].quantization (dense_1/bias).scale: expected a finite number,"
                        + " found the string \"big\""));
        cases.add(tfjsCase("a unicode escape cut at the end of the file", "{\"a\":\"\\u1", 0,
                "offset 9: expected 4 hex digits in an escape, found the end of the text"));
        cases.add(tfjsCase("5,000 nested arrays", "[".repeat(5000), 0,
                "offset 64: expected objects and arrays nested at most 64 deep"));
        cases.add(tfjsCase("a key given twice", "{\"modelTopology\":{},\"modelTopology\":{}}", 0,
                "offset 20: expected each key once in an object, found '\"modelTopology\":{}}'"));
        cases.add(new Case("one shard listed 1,000 times", dir -> {
            String paths = String.join(",", Collections.nCopies(1000, "\"group1-shard1of1.bin\""));
            return tfjs(dir, modelJson(dense, "[{\"paths\":[" + paths + "],\"weights\":["
                    + "{\"name\":\"dense_1/kernel\",\"shape\":[3,4],\"dtype\":\"float32\"},"
                    + "{\"name\":\"dense_1/bias\",\"shape\":[4],\"dtype\":\"float32\"}]}]"), 1 << 20);
        }, List.of("weightsManifest[0].paths[1]: expected each shard file once, found the string"
                + " \"group1-shard1of1.bin\" again")));
        cases.add(new Case("one shard under two names", dir -> {
            try {
                Path model = tfjs(dir, modelJson(dense, "[{\"paths\":[\"a.bin\",\"./a.bin\"],\"weights\":["
                        + "{\"name\":\"dense_1/kernel\",\"shape\":[2,4],\"dtype\":\"float32\"},"
                        + "{\"name\":\"dense_1/bias\",\"shape\":[4],\"dtype\":\"float32\"}]}]"), 0);
                Files.write(dir.resolve("a.bin"), new byte[24]);
                return model;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, List.of("weightsManifest[0].paths[1]: expected each shard file once, found ./a.bin again")));
        cases.add(tfjsCase("shards holding more bytes than declared", modelJson(dense, denseManifest("[3,4]", "[4]")),
                1 << 20, "weightsManifest[0]: expected 64 bytes of weights in shards [group1-shard1of1.bin], found"
                        + " more (4194304 in the first 1)"));
        cases.add(new Case("a shard linked to a file outside the model's folder", dir -> {
            try {
                Path model = validTfjs(dir.resolve("model"));
                Path outside = dir.resolve("secret.bin");
                Files.write(outside, new byte[64]);
                Files.delete(dir.resolve("model/group1-shard1of1.bin"));
                Files.createSymbolicLink(dir.resolve("model/group1-shard1of1.bin"), outside);
                return model;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, List.of("weight path group1-shard1of1.bin: expected a file in the model's folder", "found a link to")));
        cases.add(tfjsCase("a shard path out of the folder", modelJson(dense,
                "[{\"paths\":[\"../group1-shard1of1.bin\"],\"weights\":[]}]"), 0,
                "weight path '../group1-shard1of1.bin': expected a file name relative to the model's"
                        + " folder"));
        return cases;
    }

    /** The .h5 cases. */
    public static List<Case> h5Cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a 65536 x 65536 kernel declared chunked with no data", dir -> h5(dir.resolve("m.h5"),
                denseModel(3, 4), new long[] {65536, 65536}, false, null),
                List.of("/model_weights/dense_1/dense_1/kernel:0: expected at most 268435456 values, found shape"
                        + " [65536,65536]")));
        cases.add(new Case("an 8192 x 8192 kernel declared chunked with no data", dir -> h5(dir.resolve("m.h5"),
                denseModel(3, 4), new long[] {8192, 8192}, false, null),
                List.of("/model_weights/dense_1/dense_1/kernel:0: expected its 67108864 values stored in the file"
                        + " (268435456 bytes", "found 0 bytes stored")));
        cases.add(new Case("a 5x5 kernel for a 3x4 Dense layer", dir -> h5(dir.resolve("m.h5"), denseModel(3, 4),
                new long[] {5, 5}, true, null),
                List.of("layer dense_1: weight kernel: expected shape [3, 4] (DenseLayer 3 -> 4), found [5, 5]")));
        cases.add(new Case("a Dense layer of 2^30 units", dir -> h5(dir.resolve("m.h5"), denseModel(3, 1L << 30),
                new long[] {3, 4}, true, null),
                List.of("layer dense_1: units: expected an integer 1..65536, found 1073741824")));
        cases.add(new Case("a weight_names attribute DL4J would read past its buffer", dir -> h5(dir.resolve("m.h5"),
                denseModel(3, 4), new long[] {3, 4}, true, "dense_1/kernel:0".repeat(200)),
                List.of("/model_weights/dense_1/@weight_names: expected strings of fewer than 2000 bytes in all",
                        "found 3200 bytes")));
        cases.add(new Case("a link to a dataset in another file", dir -> h5(dir.resolve("m.h5"), denseModel(3, 4),
                new long[] {3, 4}, true, null, layer -> H5Lcreate_external("/etc/passwd", "/x", layer, "other:0",
                        H5P_DEFAULT, H5P_DEFAULT)),
                List.of("/model_weights/dense_1/dense_1/other:0: expected a hard link, found a link to another file")));
        cases.add(new Case("a weight whose values are in an external file", dir -> h5(dir.resolve("m.h5"),
                denseModel(3, 4), new long[] {3, 4}, true, null, layer -> {
                    long space = H5Screate_simple(1, new long[] {4}, null);
                    long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
                    H5Pset_external(dcpl, "/etc/hostname", 0, 16);
                    H5Dclose(H5Dcreate2(layer, "extra:0", H5T_IEEE_F32LE_g(), space, H5P_DEFAULT, dcpl,
                            H5P_DEFAULT));
                    H5Pclose(dcpl);
                    H5Sclose(space);
                }),
                List.of("/model_weights/dense_1/dense_1/extra:0: expected data stored in this file, found data in"
                        + " external files")));
        cases.add(new Case("weights of a layer the model does not have", dir -> h5(dir.resolve("m.h5"),
                denseModel(3, 4), new long[] {3, 4}, true, null, layer -> {
                    long other = H5Gcreate2(layer, "/model_weights/other", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                    long inner = H5Gcreate2(other, "other", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                    dataset(inner, "kernel:0", new long[] {2}, true);
                    H5Gclose(inner);
                    H5Gclose(other);
                }),
                List.of("weights of layer other: expected a layer of that name in the model's topology, found none")));
        cases.add(new Case("a truncated file", dir -> {
            try {
                Path h5 = h5(dir.resolve("m.h5"), denseModel(3, 4), new long[] {3, 4}, true, null);
                byte[] b = Files.readAllBytes(h5);
                Files.write(h5, java.util.Arrays.copyOf(b, b.length / 2));
                return h5;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, List.of("expected a readable HDF5 file, found one HDF5 cannot open (truncated or damaged)")));
        return cases;
    }

    /** Every hostile backbone: the TensorFlow.js cases, then the Keras .h5 ones. */
    public static List<Case> allCases() {
        List<Case> all = new java.util.ArrayList<>(tfjsCases());
        all.addAll(h5Cases());
        return all;
    }

    /**
     * A Keras 2 {@code model.save} file of {@code modelConfig} whose {@code dense_1} has a kernel of
     * {@code kernelShape} (zeros when {@code written}, otherwise declared chunked and never written) and a bias of 4.
     *
     * @param weightNames the layer group's {@code weight_names} attribute; null: the kernel's name
     */
    public static Path h5(Path file, String modelConfig, long[] kernelShape, boolean written, String weightNames) {
        return h5(file, modelConfig, kernelShape, written, weightNames, layer -> { });
    }

    /** {@link #h5(Path, String, long[], boolean, String)}, then {@code tweak} on the open layer group. */
    static Path h5(Path file, String modelConfig, long[] kernelShape, boolean written, String weightNames,
            java.util.function.LongConsumer tweak) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            long fid = H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            if (fid < 0) {
                throw new IllegalStateException("cannot create " + file);
            }
            try {
                stringAttr(fid, "model_config", modelConfig);
                stringAttr(fid, "backend", "tensorflow");
                stringAttr(fid, "keras_version", "2.2.4");
                long root = H5Gcreate2(fid, "model_weights", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                long outer = H5Gcreate2(root, "dense_1", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                stringAttr(outer, "weight_names", weightNames != null ? weightNames : "dense_1/kernel:0");
                long inner = H5Gcreate2(outer, "dense_1", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                dataset(inner, "kernel:0", kernelShape, written);
                dataset(inner, "bias:0", new long[] {4}, true);
                tweak.accept(inner);
                H5Gclose(inner);
                H5Gclose(outer);
                H5Gclose(root);
            } finally {
                H5Fclose(fid);
            }
        }
        return file;
    }

    private static void dataset(long group, String name, long[] dims, boolean written) {
        long space = H5Screate_simple(dims.length, dims, null);
        long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
        if (!written) {
            long[] chunk = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                chunk[i] = Math.min(dims[i], 1024);
            }
            H5Pset_chunk(dcpl, chunk.length, chunk);
        }
        long ds = H5Dcreate2(group, name, H5T_IEEE_F32LE_g(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        if (written) {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            try (FloatPointer p = new FloatPointer(n)) {
                p.zero();
                H5Dwrite(ds, H5T_NATIVE_FLOAT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p);
            }
        }
        H5Dclose(ds);
        H5Pclose(dcpl);
        H5Sclose(space);
    }

    /** A string attribute as Keras/h5py write it: variable-length, or fixed-length when long. */
    private static void stringAttr(long object, String name, String value) {
        // A long weight_names is fixed-length, as Keras writes it: HDF5 reads all of it into the caller's buffer.
        if (value.length() > 1000) {
            KerasH5Writer.fixedStringAttr(object, name, value);
        } else {
            KerasH5Writer.stringAttr(object, name, value);
        }
    }
}
