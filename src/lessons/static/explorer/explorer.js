/* The course's explorers on the static site: pick the precomputed state the controls point at.
 *
 * Every state was computed when the site was built, by the course's Python package, with the
 * same code as the live panel (src/lessons/explorer/). This script computes nothing about the
 * business and formats no number: it reads the positions of the controls, turns them into the
 * state's number (positions times the strides written in the page), loads that state's
 * script (s/<number>.js, which calls lessonsExplorer.receive), and swaps in the figures, the
 * tables and the texts the state holds. Scripts and images are plain files, so it works over
 * http and when the site is opened from disk (file://, where fetch of local files is blocked).
 */
(function () {
  "use strict";

  var PHONE = "(max-width: 599px)";
  var states = {};
  var waiting = {};
  var decoded = {};

  window.lessonsExplorer = {
    receive: function (name, index, state) {
      var key = name + "/" + index;
      states[key] = state;
      (waiting[key] || []).forEach(function (done) { done.resolve(state); });
      delete waiting[key];
    }
  };

  function loadState(base, name, index) {
    var key = name + "/" + index;
    if (states[key]) return Promise.resolve(states[key]);
    return new Promise(function (resolve, reject) {
      if (waiting[key]) { waiting[key].push({ resolve: resolve, reject: reject }); return; }
      waiting[key] = [{ resolve: resolve, reject: reject }];
      var script = document.createElement("script");
      script.src = base + "s/" + index + ".js";
      script.async = true;
      script.onerror = function () {
        var url = script.src;
        (waiting[key] || []).forEach(function (done) { done.reject(url); });
        delete waiting[key];
        script.remove();
      };
      script.onload = function () { script.remove(); };
      document.head.appendChild(script);
    });
  }

  function shownFile(entry) {
    return entry.p && window.matchMedia(PHONE).matches ? entry.p : entry.w;
  }

  function preload(url) {
    if (decoded[url]) return decoded[url];
    var image = new Image();
    image.src = url;
    decoded[url] = (image.decode ? image.decode() : Promise.resolve()).catch(function () {
      delete decoded[url];
    });
    return decoded[url];
  }

  function Explorer(section) {
    this.section = section;
    this.base = section.getAttribute("data-lx-base");
    this.config = JSON.parse(section.querySelector(".lx-config").textContent);
    this.name = this.config.name;
    this.statuses = this.config.statuses || {};
    this.request = 0;
    this.status = section.querySelector(".lx-status");
    this.message = section.querySelector(".lx-message");
    this.slots = Array.prototype.slice.call(section.querySelectorAll(".lx-slot"));
    var self = this;
    this.inputs = this.config.controls.map(function (control) {
      return section.querySelector('[data-lx-control="' + control.name + '"]');
    });
    this.inputs.forEach(function (input, i) {
      var kind = self.config.controls[i].kind;
      input.addEventListener(kind === "select" ? "change" : "input", function () {
        self.moved();
      });
    });
    section.addEventListener("focusin", function () { self.prefetch(); });
    section.addEventListener("pointerover", function () { self.prefetch(); });
  }

  Explorer.prototype.positions = function () {
    return this.inputs.map(function (input) { return parseInt(input.value, 10); });
  };

  Explorer.prototype.index = function (positions) {
    var strides = this.config.strides;
    return positions.reduce(function (sum, p, i) { return sum + p * strides[i]; }, 0);
  };

  Explorer.prototype.texts = function (control, byName) {
    if (control.texts) return control.texts;
    var key = control.depends.map(function (name) { return byName[name]; }).join(",");
    return control.texts_by[key];
  };

  Explorer.prototype.showTexts = function (positions) {
    var byName = {};
    var self = this;
    this.config.controls.forEach(function (control, i) { byName[control.name] = positions[i]; });
    this.config.controls.forEach(function (control, i) {
      if (control.kind === "select") return;
      var text = self.texts(control, byName)[positions[i]];
      var input = self.inputs[i];
      input.setAttribute("aria-valuetext", text);
      var output = input.parentNode.querySelector("output");
      if (output) output.textContent = text;
    });
    this.config.fixed.forEach(function (item) {
      if (!item.follows) return;
      var field = self.section.querySelector('[data-lx-fixed="' + item.name + '"]');
      if (field) field.value = item.texts[byName[item.follows]];
    });
  };

  Explorer.prototype.moved = function () {
    var positions = this.positions();
    this.showTexts(positions);
    this.show(this.index(positions));
  };

  Explorer.prototype.files = function (state) {
    var base = this.base;
    return state.f.filter(function (entry) { return entry && entry.w; }).map(function (entry) {
      return base + "f/" + shownFile(entry);
    });
  };

  Explorer.prototype.show = function (index) {
    var self = this;
    var request = ++this.request;
    loadState(this.base, this.name, index).then(function (state) {
      if (request !== self.request) return null;
      return Promise.all(self.files(state).map(preload)).then(function () {
        if (request !== self.request) return;
        self.apply(index, state);
        self.prefetch();
      });
    }, function (url) {
      if (request !== self.request) return;
      self.message.textContent = self.config.strings.load.replace("{url}", url);
    });
  };

  Explorer.prototype.apply = function (index, state) {
    var self = this;
    var strings = this.config.strings;
    var figures = state.f.slice();
    var parts = state.h.slice();
    this.slots.forEach(function (slot, i) {
      if (self.config.slots[i] === "figure") self.figure(slot, figures.shift());
      else if (parts.length) {
        var part = parts.shift();
        if (part !== null) slot.innerHTML = part;
      }
    });
    this.message.textContent = "";
    if (state.m) {
      var box = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = strings["refused.title"] + " ";
      box.appendChild(title);
      box.appendChild(document.createTextNode(state.m + " " + strings["refused.keep"]));
      this.message.appendChild(box);
    } else {
      this.announce(state.s);
    }
    this.section.setAttribute("data-lx-shown", String(index));
    this.section.dispatchEvent(new CustomEvent("lx-shown", { detail: { index: index } }));
  };

  Explorer.prototype.figure = function (slot, entry) {
    if (entry === null || entry === undefined) return;
    if (!entry.w) { slot.hidden = true; return; }
    slot.hidden = false;
    var picture = slot.querySelector("picture");
    if (!picture) {
      picture = document.createElement("picture");
      var created = document.createElement("img");
      created.className = "lessons-figure";
      picture.appendChild(created);
      slot.appendChild(picture);
    }
    var img = picture.querySelector("img");
    var source = picture.querySelector("source");
    if (entry.p) {
      if (!source) {
        source = document.createElement("source");
        source.media = PHONE;
        picture.insertBefore(source, img);
      }
      source.srcset = this.base + "f/" + entry.p;
      source.width = entry.px;
      source.height = entry.py;
    } else if (source) {
      source.remove();
    }
    slot.classList.toggle("lx-phone", Boolean(entry.p));
    img.alt = entry.a;
    img.width = entry.x;
    img.height = entry.y;
    img.style.setProperty("--lx-w", entry.x + "px");
    img.style.setProperty("--lx-min", Math.min(entry.x, 540) + "px");
    img.src = this.base + "f/" + entry.w;
  };

  Explorer.prototype.announce = function (statuses) {
    var before = this.statuses;
    var template = this.config.strings.change;
    var lines = [];
    Object.keys(statuses).forEach(function (label) {
      if (label in before && before[label] !== statuses[label]) {
        lines.push(template.replace("{label}", label).replace("{before}", before[label])
          .replace("{after}", statuses[label]));
      }
    });
    this.statuses = statuses;
    this.status.textContent = lines.join("; ");
  };

  /* The states one step away from the shown one, loaded ahead (once a learner reaches the
   * controls, not on page load: a page that is only read loads nothing more). */
  Explorer.prototype.prefetch = function () {
    var self = this;
    var positions = this.positions();
    this.config.controls.forEach(function (control, i) {
      [-1, 1].forEach(function (step) {
        var next = positions[i] + step;
        if (next < 0 || next >= control.steps) return;
        var moved = positions.slice();
        moved[i] = next;
        loadState(self.base, self.name, self.index(moved)).then(function (state) {
          self.files(state).forEach(preload);
        }, function () { /* a missing neighbour is reported when it is asked for */ });
      });
    });
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("section.lx"), function (section) {
      section.lessonsExplorer = new Explorer(section);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
