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

  // ---------------------------------------------------------------------------------------------- colours
  const css = n => getComputedStyle(document.body).getPropertyValue(n).trim();
  function rgb(hex) { const v = parseInt(hex.slice(1), 16); return [(v >> 16) & 255, (v >> 8) & 255, v & 255]; }
  const colourblind = () => document.body.classList.contains("colorblind");
  // the words the text uses for the two signs follow the palette, so no sentence names a colour not on screen
  const signWords = () => colourblind() ? { pos: "blue", neg: "orange" } : { pos: "green", neg: "red" };
  function signedColour(value, peak) {         // the positive or negative colour, brighter for larger |w|
    const t = peak > 0 ? Math.min(1, Math.abs(value) / peak) : 0, c = rgb(css(value >= 0 ? "--pos" : "--neg"));
    return [Math.round(c[0] * t), Math.round(c[1] * t), Math.round(c[2] * t)];
  }
  function swatch(name) {
    const s = document.createElement("span"); s.className = "swatch"; s.style.background = css(name); return s;
  }
  function signPhrase(parent, before, after) {  // "... [sw] green raises it, [sw] red lowers it ..."
    const w = signWords();
    parent.append(before, " ", swatch("--pos"), ` ${w.pos} raises it, `, swatch("--neg"), ` ${w.neg} lowers it${after}`);
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
  const fmt = (v, d = 3) => (v < 0 ? "\u2212" : "") + Math.abs(v).toFixed(d);   // a real minus sign
  const signed = (v, d = 3) => (v < 0 ? "\u2212 " : "+ ") + Math.abs(v).toFixed(d);

  // ------------------------------------------------------------------------------------------ the state
  const L = sizes.length - 1;                  // the output layer's index
  // brightness = activation / scale: 1 for sigmoid layers; a ReLU layer's scale is its largest usual activation
  const actScale = sizes.map((_, l) => (data.act_scale && data.act_scale[l]) || 1);
  const state = { input: new Float64Array(784), acts: null, selected: null, lastUpdateMs: 0, updates: 0 };
  const diagram = document.getElementById("diagram"), edges = document.getElementById("edges");
  const outputsDiv = document.getElementById("outputs");
  const neuronButtons = [], columns = [];
  let inputCanvas = null;

  function buildLayers() {
    const inputCol = document.createElement("div");
    inputCol.className = "col";
    const cap0 = document.createElement("div"); cap0.className = "cap"; cap0.textContent = "784 inputs";
    inputCanvas = document.createElement("canvas");
    inputCanvas.width = inputCanvas.height = 28; inputCanvas.className = "heat";
    inputCanvas.setAttribute("aria-label", "the input layer: the 784 pixels");
    inputCol.append(cap0, inputCanvas); diagram.appendChild(inputCol); columns.push(inputCol);
    for (let l = 1; l <= L; l++) {
      const col = document.createElement("div");
      col.className = "col";
      const cap = document.createElement("div"); cap.className = "cap";
      cap.textContent = l === L ? "output" : `layer ${l}`;
      col.appendChild(cap);
      neuronButtons[l] = [];
      for (let j = 0; j < sizes[l]; j++) {
        const b = document.createElement("button");
        b.className = "neuron"; b.dataset.layer = l; b.dataset.index = j;
        b.setAttribute("aria-label", l === L ? `output neuron for the digit ${j}` : `layer ${l} neuron ${j}`);
        b.textContent = j;
        b.addEventListener("click", () => select(l, j));
        col.appendChild(b); neuronButtons[l].push(b);
      }
      diagram.appendChild(col); columns.push(col);
    }
    for (let d = 0; d < sizes[L]; d++) {
      const row = document.createElement("div");
      row.className = "row";
      const name = document.createElement("span"), track = document.createElement("div");
      const bar = document.createElement("div"), value = document.createElement("span");
      name.textContent = d; bar.className = "bar"; track.className = "track"; track.appendChild(bar);
      value.className = "dim";
      row.append(name, track, value); outputsDiv.appendChild(row);
    }
    buildLegend();
  }

  function buildLegend() {
    const legend = document.getElementById("legend"), w = signWords();
    legend.replaceChildren("edges: ", swatch("--pos"), ` ${w.pos} weight > 0, `, swatch("--neg"),
      ` ${w.neg} weight < 0, thicker for a larger |w|; brightness = activation`);
    if (data.hidden_activation === "relu") {
      const scales = actScale.slice(1, L).map((s, i) => `layer ${i + 1}: ${fmt(s, 2)}`).join(", ");
      legend.append(` (ReLU activations have no top: full white is ${scales}, what 99.5% of the digits stay ` +
                    "under; brighter ones are ringed)");
    }
  }

  // where each column and neuron goes: columns spread across the panel, neurons as big as the tallest column allows
  function layoutDiagram() {
    const width = diagram.clientWidth, height = diagram.clientHeight;
    const tallest = Math.max(...sizes.slice(1));
    const d = Math.max(8, Math.min(40, Math.floor((height - 26) / tallest / 1.12)));
    const left = 40, right = Math.max(60, width * 0.06);
    columns.forEach((col, i) => {
      col.style.left = (left + i * (width - left - right) / (columns.length - 1)) + "px";
      col.style.paddingTop = "22px";
    });
    const thumb = Math.max(48, Math.min(84, width / 8));
    inputCanvas.style.width = inputCanvas.style.height = thumb + "px";
    for (let l = 1; l <= L; l++) neuronButtons[l].forEach(b => {
      b.style.width = b.style.height = d + "px";
      b.style.fontSize = Math.max(11, Math.min(18, Math.round(d * 0.5))) + "px";
      b.dataset.label = d >= 18 ? "yes" : "no";      // too small a circle for a readable number: none
    });
    if (state.acts) for (let l = 1; l <= L; l++) neuronButtons[l].forEach((b, j) => paintNeuron(b, state.acts[l][j], actScale[l]));
    drawEdges();
  }

  function centre(el) {
    const r = el.getBoundingClientRect(), o = diagram.getBoundingClientRect();
    return [r.left - o.left + r.width / 2, r.top - o.top + r.height / 2, r.width / 2];
  }

  // every weight between the drawn layers as a line: its colour the weight's sign, its width and opacity its size
  // (as the scenes draw them, scaled by the largest |w| of its gap); a chosen neuron's own edges stand out
  function drawEdges() {
    const dpr = window.devicePixelRatio || 1;
    edges.width = Math.round(diagram.clientWidth * dpr); edges.height = Math.round(diagram.clientHeight * dpr);
    const g = edges.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const pos = rgb(css("--pos")), neg = rgb(css("--neg"));
    const chosen = state.selected;
    const lines = [];
    // from the input picture: a fan into the first layer, thin and dim (784 edges per neuron are too many to draw)
    const [ix, iy, ir] = centre(inputCanvas);
    for (let l = 1; l < L + 1; l++) {
      const here = neuronButtons[l].map(centre);
      if (l === 1) {
        here.forEach(([x, y], j) => lines.push({ x0: ix + ir, y0: iy, x1: x, y1: y, c: [150, 150, 150], t: 0.15,
                                                 mine: chosen && chosen[0] === 1 && chosen[1] === j }));
        continue;
      }
      const before = neuronButtons[l - 1].map(centre), cols = sizes[l - 1], w = W[l - 1];
      let peak = 0; for (const v of w) peak = Math.max(peak, Math.abs(v));
      for (let j = 0; j < sizes[l]; j++) for (let k = 0; k < cols; k++) {
        const v = w[j * cols + k];
        lines.push({ x0: before[k][0] + before[k][2], y0: before[k][1], x1: here[j][0] - here[j][2], y1: here[j][1],
                     c: v >= 0 ? pos : neg, t: peak > 0 ? Math.abs(v) / peak : 0,
                     mine: chosen && ((chosen[0] === l && chosen[1] === j) || (chosen[0] === l - 1 && chosen[1] === k)) });
      }
    }
    lines.sort((a, b) => (a.mine - b.mine) || (a.t - b.t));
    for (const e of lines) {
      const fade = chosen && !e.mine ? 0.25 : 1;
      g.strokeStyle = `rgba(${e.c[0]},${e.c[1]},${e.c[2]},${((0.12 + 0.78 * e.t) * fade).toFixed(3)})`;
      g.lineWidth = 0.3 + 2.7 * e.t;
      g.beginPath(); g.moveTo(e.x0, e.y0); g.lineTo(e.x1, e.y1); g.stroke();
    }
  }

  function paintNeuron(b, a, scale) {
    const t = Math.min(1, Math.max(0, a / scale)), ink = rgb(css("--ink"));
    b.style.background = `rgb(${Math.round(ink[0] * t)},${Math.round(ink[1] * t)},${Math.round(ink[2] * t)})`;
    b.style.color = b.dataset.label === "no" ? "transparent" : t > 0.46 ? "#000" : "#fff";   // the better contrast
    b.style.boxShadow = a > scale ? `0 0 0 3px ${css("--accent")}` : "";
    b.title = `activation ${a.toFixed(3)}`;
  }

  function update(x) {
    const t0 = performance.now();
    state.input = x;
    state.acts = forward(x);
    const grey = v => { const g = Math.round(255 * v); return [g, g, g]; };
    paintGrid(document.getElementById("seen"), x, grey);
    if (inputCanvas) paintGrid(inputCanvas, x, grey);
    const out = state.acts[L];
    let best = 0; for (let d = 1; d < out.length; d++) if (out[d] > out[best]) best = d;
    for (let l = 1; l <= L; l++) neuronButtons[l].forEach((b, j) => {
      paintNeuron(b, state.acts[l][j], actScale[l]);
      if (l === L) b.classList.toggle("best", j === best);
    });
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
    drawEdges();
    if (window.innerWidth <= 760 && state.updates) {   // on a phone the arithmetic is above the diagram: show it
      document.getElementById("detail").scrollIntoView({ block: "nearest" });
    }
  }

  // a neuron's arithmetic with the real numbers for the current drawing: z = w·a + b, then its squish
  function arithmetic(l, j) {
    const cols = sizes[l - 1], w = W[l - 1].subarray(j * cols, (j + 1) * cols), a = state.acts[l - 1];
    let wa = 0; const terms = [];
    for (let k = 0; k < cols; k++) { const p = w[k] * a[k]; wa += p; terms.push([Math.abs(p), k, w[k], a[k], p]); }
    const b = B[l - 1][j], z = wa + b, act = state.acts[l][j];
    terms.sort((x, y) => y[0] - x[0]);
    return { w, wa, b, z, act, terms: terms.slice(0, 3), cols };
  }

  function showDetail(l, j) {
    const detail = document.getElementById("detail");
    detail.replaceChildren();
    const m = arithmetic(l, j), relu = l < L && data.hidden_activation === "relu";
    const head = document.createElement("h2");
    head.textContent = l === L ? `Output neuron ${j} (the digit ${j})` : `Layer ${l}, neuron ${j}`;
    const source = l === 1 ? "the 784 pixels" : l - 1 === 0 ? "the inputs" : `the ${m.cols} neurons of layer ${l - 1}`;
    const info = document.createElement("p"); info.className = "small"; info.style.margin = "0";
    info.textContent = `w·a adds up its ${m.cols} weights times ${source}; bias ${m.b.toFixed(3)}:`;
    const f1 = document.createElement("div"); f1.className = "formula";
    f1.textContent = `z = w·a + b = ${fmt(m.wa)} ${signed(m.b)} = ${fmt(m.z)}`;
    const f2 = document.createElement("div"); f2.className = "formula";
    f2.textContent = relu ? `a = ReLU(z) = max(0, ${fmt(m.z)}) = ${fmt(m.act)}`
                          : `a = σ(z) = 1 / (1 + e^(${fmt(-m.z)})) = ${fmt(m.act)}`;
    const terms = document.createElement("div"); terms.className = "terms dim";
    terms.textContent = "largest terms: " + m.terms.map(([, k, wk, ak, p]) =>
      `w${k}·a${k} = ${fmt(wk, 2)} × ${fmt(ak, 2)} = ${fmt(p, 2)}`).join(";  ");
    detail.append(head, info, f1, f2, terms);
    const note = document.createElement("div"); note.className = "small dim";
    if (l === 1) {
      signPhrase(note, "its 784 weights laid out like the image:", " when that pixel is lit");
      const c = heatmap(m.w, 112); c.id = "detail-heatmap"; detail.append(note, c);
    } else {
      signPhrase(note, `its ${m.cols} weights from layer ${l - 1}:`, "");
      const row = document.createElement("div"); row.className = "wrow"; row.id = "detail-heatmap";
      let peak = 0; for (const v of m.w) peak = Math.max(peak, Math.abs(v));
      m.w.forEach((v, k) => {
        const cell = document.createElement("div"), c = signedColour(v, peak);
        cell.className = "wcell"; cell.textContent = k; cell.title = `weight ${v.toFixed(3)}`;
        cell.style.background = `rgb(${c[0]},${c[1]},${c[2]})`;
        cell.style.color = (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) > 110 ? "#000" : "#fff";
        row.appendChild(cell);
      });
      detail.append(note, row);
    }
    const tops = data.top_digits[String(l)] && data.top_digits[String(l)][j];
    if (tops) {
      const tnote = document.createElement("div"); tnote.className = "small dim";
      tnote.textContent = `the ${tops.length} digits of ${data.pool.source} that excite it most:`;
      const strip = document.createElement("div"); strip.className = "tops";
      tops.forEach(i => strip.appendChild(digitCanvas(i)));
      detail.append(tnote, strip);
    }
  }

  function buildHeatmaps() {
    const note = document.getElementById("heat-note");
    note.replaceChildren();
    signPhrase(note, "each scaled by its own largest |w|; where a bright pixel", " (a neuron of layer 1)");
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
        if (i !== k && v > 0) {
          const c = signedColour(-v, peak); cell.style.background = `rgb(${c[0]},${c[1]},${c[2]})`;
          cell.style.color = (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) > 110 ? "#000" : "#fff";
        }
      });
      row.insertCell().textContent = (100 * ev.per_digit[i]).toFixed(1) + "%";
    });
    const total = document.createElement("p");
    total.textContent = `accuracy ${(100 * ev.accuracy).toFixed(2)}% (${ev.correct} of ${ev.count})`;
    box.append(total, table);
  }

  // ------------------------------------------------------------------------------------------ the pad
  const pad = document.getElementById("pad"), ctx = pad.getContext("2d", { willReadFrequently: true });
  function clearPad() { ctx.fillStyle = "#000"; ctx.fillRect(0, 0, pad.width, pad.height);
                        document.getElementById("hint").hidden = false; }
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
    document.getElementById("hint").hidden = true;
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
    document.getElementById("heatmaps").replaceChildren(); buildHeatmaps(); buildEvaluation_(); buildLegend();
    update(state.input); drawEdges(); });
  function buildEvaluation_() { document.getElementById("evaluation").replaceChildren(); buildEvaluation(); }
  // presentation mode: large type, only the drawing, the network and its answer (button, key P, or #present)
  const presentButton = document.getElementById("present");
  function present(on) {
    document.body.classList.toggle("present", on);
    presentButton.setAttribute("aria-pressed", String(on));
    requestAnimationFrame(layoutDiagram);
  }
  presentButton.addEventListener("click", () => present(!document.body.classList.contains("present")));
  document.addEventListener("keydown", e => {
    if ((e.key === "p" || e.key === "P") && !e.ctrlKey && !e.metaKey && !e.altKey && e.target.tagName !== "SELECT"
        && e.target.tagName !== "INPUT") present(!document.body.classList.contains("present"));
  });
  window.addEventListener("resize", layoutDiagram);
  clearPad(); buildLayers(); buildHeatmaps(); buildEvaluation(); showSample(0); layoutDiagram();
  if (location.hash === "#present") present(true);
  window.inspector = { forward, prepare, update, state, select, present, layoutDiagram, ready: true };
})();
