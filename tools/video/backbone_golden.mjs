// Golden features of the test backbone (nsfwjs 4.4.0's MobileNetV2, layer flatten_1) computed by TensorFlow.js
// 4.22.0 (nsfwjs's own runtime), for the Java-decoded, Java-preprocessed frames that
// BackboneGoldenTest writes with -Dvideoseq.golden.dump=DIR (DIR/inputs.json + one float32 .raw per frame).
// Generation time only: node + `npm install @tensorflow/tfjs@4.22.0`; see tools/video/make-backbone-golden.sh.
//   node backbone_golden.mjs MODEL_DIR DUMP_DIR OUT.json
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const require = createRequire(path.join(process.cwd(), 'noop.js'));
const tf = require('@tensorflow/tfjs');
const [modelDir, dumpDir, outFile] = process.argv.slice(2);

const model = require(path.resolve(modelDir, 'model.min.js'));
const shards = model.weightsManifest.flatMap(g => g.paths);
const buffers = shards.map(p => Buffer.from(require(path.resolve(modelDir, p + '.min.js')), 'base64'));
const all = Buffer.concat(buffers);
const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
const weightSpecs = model.weightsManifest.flatMap(g => g.weights);

const net = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs, weightData }));
const inputs = JSON.parse(fs.readFileSync(path.join(dumpDir, 'inputs.json'), 'utf8'));
const layer = inputs.layer;
const cut = tf.model({ inputs: net.inputs, outputs: net.getLayer(layer).output });
const cases = [];
for (const c of inputs.cases) {
  const raw = fs.readFileSync(path.join(dumpDir, c.raw));
  const x = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const y = cut.predict(tf.tensor4d(x, [1, inputs.height, inputs.width, 3]));
  const f = Array.from(await y.data());
  cases.push({ ...c, raw: undefined, features: f.map(v => Number(v.toPrecision(8))) });
}
const out = {
  generator: 'tools/video/backbone_golden.mjs, @tensorflow/tfjs ' + tf.version.tfjs + ' (' + tf.getBackend() + ')',
  backbone: inputs.backbone, layer, width: inputs.width, height: inputs.height, preprocessing: inputs.preprocessing,
  cases,
};
fs.writeFileSync(outFile, JSON.stringify(out, null, 1) + '\n');
console.log('wrote ' + outFile + ': ' + cases.length + ' frames x ' + cases[0].features.length);
