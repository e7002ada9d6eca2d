// In-page probe of the browser benchmark (bench_lab.py): when does a change reach the screen?
//
// Installed once per JupyterLab page. The panel is the first top-level cell output holding a
// slider. For one change at a time, `arm` starts a MutationObserver on the panel and a capture
// listener for the event that starts the change (the key press, the mouse release, the
// select's change). Every <img> added to the panel (or whose src changes) is one new figure:
// the time it enters the DOM is noted, then the time it is painted: after `img.decode()` and
// two animation frames (the first runs before the frame that shows the image is drawn, the
// second after it), so decode, layout and paint are included.
(() => {
  if (window.labProbe) return;
  const now = () => performance.now();
  const probe = {};
  let rec = null;
  let observer = null;

  probe.root = () => document.querySelector('[data-bench-panel]');

  // Marks the panel: the first cell output, not nested in a widget, that holds a slider.
  probe.markPanel = () => {
    const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output')).filter(
      (o) => !o.parentElement.closest('.jupyter-widgets') && o.querySelector('.widget-slider'),
    );
    if (!outputs.length) return 0;
    outputs[0].setAttribute('data-bench-panel', '');
    return outputs.length;
  };

  const labelOf = (box) => box.querySelector(':scope > .widget-label')?.textContent.trim() ?? '';

  // Marks a control of the panel with data-bench-control=id: its first slider (label null)
  // or the control whose label is `label`. Returns its label and kind, or null.
  probe.markControl = (label, id) => {
    const panel = probe.root();
    let element = null;
    if (label === null) {
      element = panel.querySelector('.widget-slider [role=slider]');
    } else {
      const box = Array.from(panel.querySelectorAll('.widget-inline-hbox')).find(
        (b) => labelOf(b) === label,
      );
      element = box && (box.querySelector('[role=slider]') || box.querySelector('input, select'));
    }
    if (!element) return null;
    element.setAttribute('data-bench-control', id);
    const kind = element.matches('[role=slider]') ? 'slider' : element.tagName.toLowerCase();
    const box = element.closest('.widget-inline-hbox');
    const options = kind === 'select' ? Array.from(element.options).map((o) => o.text) : [];
    return { label: labelOf(box), kind, options, value: probe.value(id) };
  };

  // What the control shows now: a slider's readout, an input's text, a select's choice.
  probe.value = (id) => {
    const element = document.querySelector(`[data-bench-control="${id}"]`);
    if (!element) return null;
    if (element.matches('[role=slider]')) {
      return element.closest('.widget-slider').querySelector('.widget-readout').textContent;
    }
    if (element.tagName === 'SELECT') return element.selectedOptions[0]?.text ?? '';
    return element.value;
  };

  probe.srcs = () =>
    Array.from(probe.root().querySelectorAll('img')).map((i) => i.getAttribute('src'));

  // Labels of the panel's controls (to say what exists when a label is not found).
  probe.labels = () =>
    Array.from(probe.root().querySelectorAll('.widget-inline-hbox')).map(labelOf).filter(Boolean);

  // Chooses option `index` of a select control as a user would (input, then change).
  probe.choose = (id, index) => {
    const select = document.querySelector(`[data-bench-control="${id}"]`);
    select.selectedIndex = index;
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };

  // Where the first slider's handle and track are, in page pixels (for a mouse drag).
  probe.track = (id) => {
    const handle = document.querySelector(`[data-bench-control="${id}"]`);
    const h = handle.getBoundingClientRect();
    const t = handle.closest('.noUi-base').getBoundingClientRect();
    return { x: h.x + h.width / 2, y: h.y + h.height / 2, left: t.left, right: t.right };
  };

  // Share of the first figure's area inside the viewport (a figure off screen is not painted).
  probe.figureVisible = () => {
    const img = probe.root().querySelector('img');
    if (!img) return 0;
    const r = img.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    return r.width * r.height > 0 ? (w * h) / (r.width * r.height) : 0;
  };

  // A figure entered the panel: note when, then when it is painted. `r` is the record of the
  // change it belongs to (a late decode must not land in the next change's record).
  const onImage = (img, seen, r) => {
    if (seen.has(img)) return;
    seen.add(img);
    const t = now();
    r.domFirst ??= t;
    r.domLast = t;
    r.last = t;
    r.images += 1;
    r.chars += (img.getAttribute('src') || '').length;
    r.pending += 1;
    const painted = () =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const t2 = now();
          r.paints.push(t2);
          r.pending -= 1;
          r.last = t2;
        }),
      );
    (img.decode ? img.decode() : Promise.resolve()).then(painted, painted);
  };

  // Starts watching one change; `triggers` are the event types that start it.
  probe.arm = (triggers) => {
    probe.disarm();
    rec = {
      t0: null, seenAt: null, domFirst: null, domLast: null, paints: [], pending: 0,
      last: now(), alert: null, images: 0, chars: 0,
    };
    const seen = new Set();
    const current = rec;
    observer = new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === 'attributes') {
          if (m.target.tagName === 'IMG') {
            seen.delete(m.target);
            onImage(m.target, seen, current);
          }
          continue;
        }
        for (const node of m.addedNodes) {
          if (node.nodeType !== 1) continue;
          if (node.tagName === 'IMG') onImage(node, seen, current);
          node.querySelectorAll('img').forEach((img) => onImage(img, seen, current));
          if (node.matches('[role=alert]') || node.querySelector('[role=alert]')) {
            current.alert ??= now();
            current.last = now();
          }
        }
      }
    });
    observer.observe(probe.root(), {
      subtree: true, childList: true, attributes: true, attributeFilter: ['src'],
    });
    const start = (event) => {
      if (current.t0 !== null) return;
      // The event's own time stamp counts the time it waited in the input queue; it is on
      // the same clock as performance.now(). Fall back to the handler's time if it is not.
      const t = now();
      current.seenAt = t;
      current.t0 = event.timeStamp > 0 && event.timeStamp <= t && t - event.timeStamp < 1000
        ? event.timeStamp : t;
    };
    for (const type of triggers) document.addEventListener(type, start, { capture: true });
    rec.stop = () => {
      for (const type of triggers) document.removeEventListener(type, start, { capture: true });
    };
  };

  probe.disarm = () => {
    if (observer) observer.disconnect();
    if (rec && rec.stop) rec.stop();
    observer = null;
  };

  // Something arrived: a new figure or a message.
  probe.arrived = () => rec !== null && (rec.paints.length > 0 || rec.alert !== null);

  // The status bar says the kernel is idle. Its busy/idle messages come in order with the
  // figures, so once it is idle again after a new figure, the change's figures have all come.
  probe.kernelIdle = () =>
    Array.from(document.querySelectorAll('.jp-StatusBar-Widget')).some((e) =>
      e.textContent.includes('| Idle'),
    );

  // Restarts the quiet period (the kernel has just gone idle).
  probe.touch = () => {
    rec.last = now();
  };

  // Every new figure painted, and nothing new for `quiet` ms.
  probe.settled = (quiet) =>
    probe.arrived() && rec.pending === 0 && now() - rec.last >= quiet;

  probe.result = () => {
    probe.disarm();
    const { stop, ...result } = rec;
    return result;
  };

  // Outlines what the last change redrew (for a screenshot that shows what was measured).
  probe.outline = () => {
    probe.root().style.outline = '3px dashed #0072B2';
    probe.root().querySelectorAll('img').forEach((img) => {
      img.style.outline = '4px solid #D55E00';
    });
  };

  window.labProbe = probe;
})();
