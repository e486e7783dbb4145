// The workbench's "Use this translation" buttons: put a translation memory suggestion into its
// segment's text area. Without JavaScript the buttons stay hidden and the suggestion can be
// copied by hand.
"use strict";

document.querySelectorAll("button[data-use-suggestion]").forEach((button) => {
  const target = document.getElementById(button.dataset.useSuggestion);
  const source = document.getElementById(button.dataset.suggestion);
  if (!target || !source) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", () => {
    target.value = source.textContent;
    target.focus();
  });
});
