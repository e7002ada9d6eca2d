#!/usr/bin/env bash
# Puts the JavaScript the site serves itself into _widgets_extra/ (widgets, then MathJax).
#
# Why: a page that shows a stored ipywidgets panel needs RequireJS and the
# @jupyter-widgets/html-manager bundle (embed-amd.js and its icon fonts). MyST-NB loads them from
# cdnjs/jsdelivr by default, so behind a classroom firewall every widget stays blank. Here they
# come from the npm registry, pinned in package.json/package-lock.json, and are copied into a
# folder listed in `html_extra_path` (never `html_static_path`: Jupyter Book 1 adds every .js in
# _static/ to every page in alphabetical order, which loads embed-amd.js before require.js).
# _config.yml `nb_ipywidgets_js` points every widget page at the three files written here:
#   require.js          RequireJS
#   require-config.js   maps the html-manager modules to this folder, so the fonts resolve here
#   embed-amd.js        the widget manager that renders the stored widget state
#   widget_a11y.js      names each slider for screen readers (source: scripts/widget_a11y.js)
#   widget_mathjax.js   lets the widget manager typeset with MathJax 3 (scripts/widget_mathjax.js)
#
# MathJax (for $...$ formulas) gets the same treatment: _widgets_extra/mathjax/ holds the npm
# copy and _config.yml `mathjax_path` points at it, instead of Sphinx's jsdelivr default.
#
# Without npm the folder is still written, but require.js and embed-amd.js then load the same
# files from the CDN (the site needs internet for its widgets) and a loud warning is printed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/_widgets_extra/ipywidgets-offline"
MATHJAX_OUT="$ROOT/_widgets_extra/mathjax"
MODULES="$ROOT/node_modules"
DIST="$MODULES/@jupyter-widgets/html-manager/dist"
# Versions must match package.json (used only by the CDN fallback).
REQUIREJS_VERSION="2.3.8"
HTML_MANAGER_VERSION="1.0.15"
MATHJAX_VERSION="3.2.2"
NPM="${NPM:-npm}"  # NPM=none simulates a machine without npm (the CDN fallback)

cd "$ROOT"
rm -rf "$OUT" "$MATHJAX_OUT"
mkdir -p "$OUT" "$MATHJAX_OUT"

# `npm ci` wipes and reinstalls node_modules; skip it when the installed tree already matches
# the lock file (npm writes node_modules/.package-lock.json on every install).
have_modules() {
  [ -f "$DIST/embed-amd.js" ] && [ -f "$MODULES/requirejs/require.js" ] \
    && [ -f "$MODULES/axe-core/axe.min.js" ] && [ -f "$MODULES/mathjax/es5/tex-mml-chtml.js" ] \
    && [ "$MODULES/.package-lock.json" -nt package-lock.json ] \
    && [ "$MODULES/.package-lock.json" -nt package.json ]
}

# require-config.js: the html-manager bundle looks for its fonts next to the URL RequireJS gives
# each of its modules; point those modules at the folder that holds the fonts ($1, a JS
# expression for that folder's URL, ending in a slash).
write_require_config() {
  cat >"$OUT/require-config.js" <<EOF
// Written by scripts/widget_js.sh: tells RequireJS where the widget fonts are.
(function () {
  if (!window.require) return; // RequireJS failed to load (CDN fallback offline): nothing to set
  var fonts = $1;
  window.require.config({
    paths: {
      "@jupyter-widgets/base": fonts + "base",
      "@jupyter-widgets/controls": fonts + "controls",
      "@jupyter-widgets/html-manager": fonts + "html-manager",
      "@jupyter-widgets/html-manager/dist": fonts.replace(/\/\$/, ""),
    },
  });
})();
EOF
}

cp "$ROOT/scripts/widget_a11y.js" "$ROOT/scripts/widget_mathjax.js" "$OUT/"

if command -v "$NPM" >/dev/null 2>&1; then
  if ! have_modules; then
    echo "widget-js: installing the pinned site JavaScript with npm ci..."
    "$NPM" ci --no-audit --no-fund --loglevel=error
  fi
  cp "$MODULES/requirejs/require.js" "$OUT/require.js"
  cp "$DIST/embed-amd.js" "$OUT/embed-amd.js"
  # Font Awesome icons used by the widgets (woff2 for current browsers, woff for older ones).
  cp "$DIST"/*.woff2 "$DIST"/*.woff "$OUT/"
  write_require_config 'document.currentScript.src.replace(/[^/]*$/, "")'
  # MathJax loads its fonts, TeX extensions, menu and accessibility parts relative to itself.
  cp "$MODULES/mathjax/es5/tex-mml-chtml.js" "$MATHJAX_OUT/"
  mkdir -p "$MATHJAX_OUT/output"
  cp -r "$MODULES/mathjax/es5/output/chtml" "$MODULES/mathjax/es5/output/chtml.js" \
    "$MATHJAX_OUT/output/"
  for part in a11y adaptors input sre ui; do cp -r "$MODULES/mathjax/es5/$part" "$MATHJAX_OUT/"; done
  echo "widget-js: self-hosted widget JavaScript and MathJax ready in _widgets_extra/ (no CDN needed)."
else
  cat >&2 <<'EOF'
######################################################################################
# widget-js: npm is NOT installed, so the widget JavaScript cannot be self-hosted.    #
# The site will load RequireJS, the widget manager and MathJax from the CDN instead:  #
# widgets and formulas stay blank for readers without internet, browser tests fail.   #
# Install Node.js/npm (e.g. apt-get install -y npm) and rebuild: make book            #
######################################################################################
EOF
  # Same three file names, so _config.yml stays the same: each one pulls the CDN copy in at
  # this point of the page, keeping the script order (document.write is synchronous here).
  cat >"$OUT/require.js" <<EOF
// CDN fallback written by scripts/widget_js.sh because npm was missing at build time.
document.write('<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/${REQUIREJS_VERSION}/require.min.js"><\/script>');
EOF
  cat >"$OUT/embed-amd.js" <<EOF
// CDN fallback written by scripts/widget_js.sh because npm was missing at build time.
document.write('<script src="https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@${HTML_MANAGER_VERSION}/dist/embed-amd.js"><\/script>');
EOF
  write_require_config "\"https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@${HTML_MANAGER_VERSION}/dist/\""
  # Sphinx loads MathJax with `defer`, where document.write is ignored: append the CDN copy.
  cat >"$MATHJAX_OUT/tex-mml-chtml.js" <<EOF
// CDN fallback written by scripts/widget_js.sh because npm was missing at build time.
(function () {
  var script = document.createElement("script");
  script.src = "https://cdn.jsdelivr.net/npm/mathjax@${MATHJAX_VERSION}/es5/tex-mml-chtml.js";
  document.head.appendChild(script);
})();
EOF
  echo "npm was missing when the site was built: widget JavaScript comes from the CDN." \
    >"$OUT/CDN-FALLBACK.txt"
fi
