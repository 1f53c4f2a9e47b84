// The network inspector: the forward pass of a saved nnlib network, in the page, on a digit you draw.
// Everything it shows comes from the JSON block written by scenes/tool/inspect_page.py (weights, sample digits,
// top digits per neuron, the evaluation). Text from files is only ever set with textContent, never as HTML.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);

  function floats(b64) {                       // base64 of little-endian float64 -> Float64Array
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    return new Float64Array(bytes.buffer);
  }
  function bytes(b64) { return Uint8Array.from(atob(b64), c => c.charCodeAt(0)); }

  const sizes = data.sizes;
  const W = data.weights.map(floats);          // W[l] is sizes[l+1] x sizes[l], row-major
  const B = data.biases.map(floats);
  const pool = bytes(data.pool.pixels);        // digit images, 784 bytes each
  const hiddenAct = data.hidden_activation === "relu" ? (z => Math.max(0, z)) : (z => 1 / (1 + Math.exp(-z)));
  const sigmoid = z => 1 / (1 + Math.exp(-z));

  // ------------------------------------------------------------------ the forward pass (as nnlib.Network does)
  function forward(x) {
    const acts = [Float64Array.from(x)];
    for (let l = 0; l < W.length; l++) {
      const a = acts[l], rows = sizes[l + 1], cols = sizes[l], w = W[l], out = new Float64Array(rows);
      const f = l === W.length - 1 ? sigmoid : hiddenAct;
      for (let j = 0; j < rows; j++) {
        let z = B[l][j];
        const off = j * cols;
        for (let k = 0; k < cols; k++) z += w[off + k] * a[k];
        out[j] = f(z);
      }
      acts.push(out);
    }
    return acts;
  }

  // ------------------------------------------------------- a drawing prepared like nnlib.digit_image.mnist_style
  function prepare(ink, size) {
    // ink: Float64Array size*size in [0,1], bright = ink. Crop to ink above 0.25, fit 20x20 keeping the aspect
    // ratio (area-averaged), paste in 28x28, shift the centre of mass to the centre, scale the peak to 1.
    for (let i = 0; i < ink.length; i++) if (ink[i] < 0.1) ink[i] = 0;
    let r0 = size, r1 = -1, c0 = size, c1 = -1;
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (ink[r * size + c] > 0.25) {
      if (r < r0) r0 = r; if (r > r1) r1 = r; if (c < c0) c0 = c; if (c > c1) c1 = c;
    }
    if (r1 < 0) return null;
    const h = r1 - r0 + 1, w = c1 - c0 + 1, scale = 20 / Math.max(h, w);
    const nh = Math.max(1, Math.round(h * scale)), nw = Math.max(1, Math.round(w * scale));
    const small = new Float64Array(nh * nw);
    for (let y = 0; y < nh; y++) for (let x = 0; x < nw; x++) {
      const ya = r0 + y * h / nh, yb = r0 + (y + 1) * h / nh, xa = c0 + x * w / nw, xb = c0 + (x + 1) * w / nw;
      let sum = 0, area = 0;
      for (let r = Math.floor(ya); r < Math.ceil(yb); r++) {
        const wy = Math.min(yb, r + 1) - Math.max(ya, r);
        for (let c = Math.floor(xa); c < Math.ceil(xb); c++) {
          const wx = Math.min(xb, c + 1) - Math.max(xa, c);
          sum += wy * wx * ink[r * size + c]; area += wy * wx;
        }
      }
      small[y * nw + x] = sum / area;
    }
    const field = new Float64Array(784), top = Math.floor((28 - nh) / 2), left = Math.floor((28 - nw) / 2);
    for (let y = 0; y < nh; y++) for (let x = 0; x < nw; x++) field[(top + y) * 28 + left + x] = small[y * nw + x];
    let m = 0, my = 0, mx = 0;
    for (let i = 0; i < 784; i++) { m += field[i]; my += field[i] * Math.floor(i / 28); mx += field[i] * (i % 28); }
    const dy = Math.round(13.5 - my / m), dx = Math.round(13.5 - mx / m);
    const out = new Float64Array(784);
    let peak = 0;
    for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
      const sr = r - dy, sc = c - dx;
      if (sr >= 0 && sr < 28 && sc >= 0 && sc < 28) { out[r * 28 + c] = field[sr * 28 + sc]; }
      peak = Math.max(peak, out[r * 28 + c]);
    }
    for (let i = 0; i < 784; i++) out[i] /= peak;
    return out;
  }

  // ---------------------------------------------------------------------------------------------- drawing
  const css = n => getComputedStyle(document.body).getPropertyValue(n).trim();
  function rgb(hex) { const v = parseInt(hex.slice(1), 16); return [(v >> 16) & 255, (v >> 8) & 255, v & 255]; }
  function signedColour(value, peak) {         // green (positive) or red (negative), brighter for larger |w|
    const t = peak > 0 ? Math.min(1, Math.abs(value) / peak) : 0, c = rgb(css(value >= 0 ? "--pos" : "--neg"));
    return [Math.round(c[0] * t), Math.round(c[1] * t), Math.round(c[2] * t)];
  }
  function paintGrid(canvas, values, colour) {
    const ctx = canvas.getContext("2d"), img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) { const c = colour(values[i]); img.data.set([c[0], c[1], c[2], 255], i * 4); }
    ctx.putImageData(img, 0, 0);
  }
  function heatmap(weights, size) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 28; canvas.className = "heat";
    if (size) { canvas.style.width = canvas.style.height = size + "px"; }
    let peak = 0; for (const w of weights) peak = Math.max(peak, Math.abs(w));
    paintGrid(canvas, weights, w => signedColour(w, peak));
    return canvas;
  }
  function digitCanvas(index) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 28; canvas.className = "heat";
    paintGrid(canvas, pool.subarray(index * 784, index * 784 + 784), v => [v, v, v]);
    return canvas;
  }

  // ------------------------------------------------------------------------------------------ the state
  const state = { input: new Float64Array(784), acts: null, selected: null, lastUpdateMs: 0, updates: 0 };
  const layersDiv = document.getElementById("layers"), outputsDiv = document.getElementById("outputs");
  const neuronButtons = [];

  function buildLayers() {
    for (let l = 1; l < sizes.length - 1; l++) {
      const title = document.createElement("div");
      title.textContent = `hidden layer ${l}: ${sizes[l]} neurons`;
      title.className = "dim";
      const row = document.createElement("div");
      row.className = "layer";
      neuronButtons[l] = [];
      for (let j = 0; j < sizes[l]; j++) {
        const b = document.createElement("button");
        b.className = "neuron"; b.dataset.layer = l; b.dataset.index = j;
        b.setAttribute("aria-label", `layer ${l} neuron ${j}`);
        b.textContent = j;
        b.addEventListener("click", () => select(l, j));
        row.appendChild(b); neuronButtons[l].push(b);
      }
      layersDiv.append(title, row);
    }
    for (let d = 0; d < sizes[sizes.length - 1]; d++) {
      const row = document.createElement("div");
      row.className = "row";
      const name = document.createElement("span"), track = document.createElement("div");
      const bar = document.createElement("div"), value = document.createElement("span");
      name.textContent = d; bar.className = "bar"; track.appendChild(bar); value.className = "dim";
      row.append(name, track, value); outputsDiv.appendChild(row);
    }
  }

  function update(x) {
    const t0 = performance.now();
    state.input = x;
    state.acts = forward(x);
    paintGrid(document.getElementById("seen"), x, v => { const g = Math.round(255 * v); return [g, g, g]; });
    const ink = rgb(css("--ink"));
    for (let l = 1; l < sizes.length - 1; l++) {
      neuronButtons[l].forEach((b, j) => {
        const a = state.acts[l][j], t = Math.min(1, Math.max(0, a));
        b.style.background = `rgb(${Math.round(ink[0] * t)},${Math.round(ink[1] * t)},${Math.round(ink[2] * t)})`;
        b.style.color = t > 0.5 ? "#000" : "#ccc";
        b.title = `activation ${a.toFixed(3)}`;
      });
    }
    const out = state.acts[state.acts.length - 1];
    let best = 0; for (let d = 1; d < out.length; d++) if (out[d] > out[best]) best = d;
    Array.from(outputsDiv.children).forEach((row, d) => {
      row.classList.toggle("best", d === best);
      row.children[1].firstChild.style.width = (100 * out[d]).toFixed(1) + "%";
      row.children[2].textContent = out[d].toFixed(3);
    });
    document.getElementById("prediction").textContent = `${best}`;
    if (state.selected) showDetail(...state.selected);
    state.lastUpdateMs = performance.now() - t0;
    state.updates += 1;
  }

  function select(l, j) {
    if (state.selected) neuronButtons[state.selected[0]][state.selected[1]].classList.remove("selected");
    state.selected = [l, j];
    neuronButtons[l][j].classList.add("selected");
    showDetail(l, j);
  }

  function showDetail(l, j) {
    const detail = document.getElementById("detail");
    detail.replaceChildren();
    const cols = sizes[l - 1], w = W[l - 1].subarray(j * cols, (j + 1) * cols);
    const head = document.createElement("h2");
    head.textContent = `Layer ${l}, neuron ${j}`;
    const info = document.createElement("p");
    const a = state.acts ? state.acts[l][j] : NaN;
    info.textContent = `bias ${B[l - 1][j].toFixed(3)}, activation now ${a.toFixed(3)}; ` +
      (l === 1 ? "its 784 weights laid out like the image (green raises it, red lowers it):"
               : `its ${cols} weights from layer ${l - 1} (green raises it, red lowers it):`);
    detail.append(head, info);
    if (l === 1) {
      const c = heatmap(w, 168); c.id = "detail-heatmap"; detail.appendChild(c);
    } else {
      const row = document.createElement("div"); row.className = "layer"; row.id = "detail-heatmap";
      let peak = 0; for (const v of w) peak = Math.max(peak, Math.abs(v));
      w.forEach((v, k) => {
        const cell = document.createElement("div"), c = signedColour(v, peak);
        cell.className = "neuron"; cell.textContent = k; cell.title = `weight ${v.toFixed(3)}`;
        cell.style.background = `rgb(${c[0]},${c[1]},${c[2]})`; row.appendChild(cell);
      });
      detail.appendChild(row);
    }
    const tops = data.top_digits[String(l)][j];
    const note = document.createElement("p");
    note.textContent = `the ${tops.length} digits of ${data.pool.source} that excite it most:`;
    const strip = document.createElement("div"); strip.className = "tops";
    tops.forEach(i => strip.appendChild(digitCanvas(i)));
    detail.append(note, strip);
  }

  function buildHeatmaps() {
    document.getElementById("heat-note").textContent =
      "each scaled by its own largest |w|; green where a bright pixel raises the neuron, red where it lowers it";
    const grid = document.getElementById("heatmaps");
    for (let j = 0; j < sizes[1]; j++) {
      const fig = document.createElement("figure"), cap = document.createElement("figcaption");
      const c = heatmap(W[0].subarray(j * sizes[0], (j + 1) * sizes[0]));
      c.tabIndex = 0; c.setAttribute("role", "button"); c.setAttribute("aria-label", `layer 1 neuron ${j}`);
      c.addEventListener("click", () => select(1, j));
      c.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") select(1, j); });
      cap.textContent = `${j}  (b ${B[0][j].toFixed(2)})`;
      fig.append(c, cap); grid.appendChild(fig);
    }
  }

  function buildEvaluation() {
    const ev = data.evaluation, box = document.getElementById("evaluation");
    document.getElementById("eval-note").textContent = ev ? ev.source : "no evaluation available";
    if (!ev) return;
    const table = document.createElement("table"); table.className = "confusion";
    const head = table.insertRow(); head.insertCell().textContent = "true \\ said";
    for (let d = 0; d < 10; d++) head.insertCell().textContent = d;
    head.insertCell().textContent = "right";
    let peak = 0; ev.confusion.forEach((r, i) => r.forEach((v, k) => { if (i !== k) peak = Math.max(peak, v); }));
    ev.confusion.forEach((r, i) => {
      const row = table.insertRow(); row.insertCell().textContent = i;
      r.forEach((v, k) => {
        const cell = row.insertCell(); cell.textContent = v;
        if (i !== k && v > 0) { const c = signedColour(-v, peak); cell.style.background = `rgb(${c[0]},${c[1]},${c[2]})`; }
      });
      row.insertCell().textContent = (100 * ev.per_digit[i]).toFixed(1) + "%";
    });
    const total = document.createElement("p");
    total.textContent = `accuracy ${(100 * ev.accuracy).toFixed(2)}% (${ev.correct} of ${ev.count})`;
    box.append(total, table);
  }

  // ------------------------------------------------------------------------------------------ the pad
  const pad = document.getElementById("pad"), ctx = pad.getContext("2d", { willReadFrequently: true });
  function clearPad() { ctx.fillStyle = "#000"; ctx.fillRect(0, 0, pad.width, pad.height); }
  function padInput() {
    const px = ctx.getImageData(0, 0, pad.width, pad.height).data, ink = new Float64Array(pad.width * pad.height);
    for (let i = 0; i < ink.length; i++) ink[i] = px[i * 4] / 255;
    return prepare(ink, pad.width);
  }
  let drawing = false, last = null;
  function point(e) { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * pad.width / r.width,
                                                                      (e.clientY - r.top) * pad.height / r.height]; }
  pad.addEventListener("pointerdown", e => { drawing = true; last = point(e); pad.setPointerCapture(e.pointerId);
                                             stroke(last, last); });
  pad.addEventListener("pointermove", e => { if (!drawing) return; const p = point(e); stroke(last, p); last = p; });
  pad.addEventListener("pointerup", () => { drawing = false; });
  function stroke(a, b) {
    ctx.strokeStyle = "#fff"; ctx.lineWidth = 22; ctx.lineCap = "round";
    ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
    const x = padInput(); if (x) update(x);
  }
  document.getElementById("clear").addEventListener("click", () => { clearPad(); update(new Float64Array(784)); });

  const select_ = document.getElementById("sample");
  data.samples.forEach((s, i) => { const o = document.createElement("option"); o.value = i;
    o.textContent = s.name; select_.appendChild(o); });
  function showSample(i) {
    const s = data.samples[i], x = new Float64Array(784);
    for (let k = 0; k < 784; k++) x[k] = pool[s.pool * 784 + k] / 255;
    clearPad(); update(x);
  }
  select_.addEventListener("change", () => showSample(+select_.value));

  // --------------------------------------------------------------------------------------------- start
  document.getElementById("name").textContent = data.name;
  document.getElementById("summary").textContent = data.summary;
  const cb = document.getElementById("colorblind");
  cb.checked = data.theme === "colorblind";
  document.body.classList.toggle("colorblind", cb.checked);
  cb.addEventListener("change", () => { document.body.classList.toggle("colorblind", cb.checked);
    document.getElementById("heatmaps").replaceChildren(); buildHeatmaps(); buildEvaluation_(); update(state.input); });
  function buildEvaluation_() { document.getElementById("evaluation").replaceChildren(); buildEvaluation(); }
  clearPad(); buildLayers(); buildHeatmaps(); buildEvaluation(); showSample(0);
  window.inspector = { forward, prepare, update, state, select, ready: true };
})();
