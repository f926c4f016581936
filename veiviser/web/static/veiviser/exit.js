/* Quick exit. Without this file the button is a plain link to a neutral site. With it,
   the page is blanked at once (nothing lingers on screen while the next site loads) and
   replaced in the history, and pressing Shift three times also leaves — except while the
   reader is typing in a field. Nothing is logged or counted.
   On a page with a form that posts (the guide: the questions, the plan, "Change my
   answers"), the history entry is replaced by the same address as a plain visit, so
   Back or reload never sends the answers again and never shows the plan again. */
(function () {
  "use strict";
  if (document.querySelector("form[method=post]") && window.history && history.replaceState) {
    history.replaceState(null, "", location.href);
  }
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.href;
  function leave(event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.textContent = "";
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  var presses = [];
  function typing(el) {
    if (!el) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset)$/.test(el.type);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat || typing(event.target)) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
