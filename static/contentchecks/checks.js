// The accessibility check of a preview (contentchecks/admin.py): opens the item's preview in a
// window of the same origin, loads axe-core there as a static file (no inline script: the CSP
// holds), runs it against WCAG 2.1 A and AA and lists the problems in the panel.
"use strict";

(function () {
  const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
  const TIMEOUT_MS = 20000;

  function show(output, button, results) {
    output.replaceChildren();
    const violations = results.violations;
    const heading = document.createElement("p");
    heading.textContent = violations.length ? button.dataset.found : button.dataset.clean;
    output.append(heading);
    if (!violations.length) return;
    const list = document.createElement("ul");
    for (const violation of violations) {
      const item = document.createElement("li");
      item.textContent = `${violation.help} (${violation.impact || "?"}, ${violation.nodes.length}×)`;
      list.append(item);
    }
    output.append(list);
  }

  function whenLoaded(win, path, done, fail) {
    const started = Date.now();
    const timer = setInterval(function () {
      let ready = false;
      try {
        ready = win.location.pathname === path && win.document.readyState === "complete";
      } catch (error) {
        clearInterval(timer);
        fail();
        return;
      }
      if (ready) {
        clearInterval(timer);
        done();
      } else if (Date.now() - started > TIMEOUT_MS) {
        clearInterval(timer);
        fail();
      }
    }, 100);
  }

  function run(button) {
    const output = document.getElementById(button.dataset.output);
    output.textContent = button.dataset.running;
    const win = window.open(button.dataset.preview, "_blank", "width=1100,height=800");
    if (!win) {
      output.textContent = button.dataset.blocked;
      return;
    }
    const fail = function () {
      output.textContent = button.dataset.failed;
    };
    const path = new URL(button.dataset.preview, window.location.href).pathname;
    whenLoaded(win, path, function () {
      const script = win.document.createElement("script");
      script.src = button.dataset.axe;
      script.onerror = fail;
      script.onload = function () {
        win.axe
          .run(win.document, { runOnly: { type: "tag", values: TAGS } })
          .then(function (results) {
            show(output, button, results);
            win.close();
            button.focus();
          }, fail);
      };
      win.document.head.append(script);
    }, fail);
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-axe-check]");
    if (button) run(button);
  });
})();
