/* Quick exit. Without this file the button is a plain link to a neutral site. With it,
   the page is blanked at once (nothing lingers on screen while the next site loads) and
   replaced in the history, and pressing Shift three times also leaves — except while the
   reader is typing in a field. Nothing is logged or counted.
   On a page with a form that posts (the guide: the questions, the plan, "Change my
   answers"; the frontline's checklist), or the answer to one (#plan: the frontline's
   next steps), the history entry is replaced by the same address as a plain visit, so
   Back or reload never sends the answers again and never shows the plan again.
   Listen: on a page with a hidden "Listen" button (topics, the plan), the button is shown
   when the browser has a voice of its own for the page's language (a voice on this
   device: no network request), and reads the main text aloud; on the frontline's page
   for the person, only the person's column, in the person's language. */
(function () {
  "use strict";
  if (document.querySelector("form[method=post], #plan") && window.history && history.replaceState) {
    history.replaceState(null, "", location.href);
  }
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.href;
  var speech = window.speechSynthesis;
  function leave(event) {
    if (event) event.preventDefault();
    if (speech) speech.cancel();
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
  var button = document.querySelector("button.listen");
  if (!button || !speech || !window.SpeechSynthesisUtterance) return;
  // The person's page names the column to read and its language (data-read, data-lang).
  var lang = button.getAttribute("data-lang") || document.documentElement.lang;
  var read = button.getAttribute("data-read") || "main h1, main h2, main h3, main p, main li, main dd";
  var label = button.textContent;
  function voice() {
    return speech.getVoices().filter(function (v) {
      var code = v.lang.toLowerCase().split(/[-_]/)[0];
      return v.localService && (code === lang || (lang === "nb" && code === "no"));
    })[0];
  }
  function offer() { if (voice()) button.parentNode.hidden = false; }
  offer();
  speech.addEventListener("voiceschanged", offer);
  function stop() { speech.cancel(); button.textContent = label; }
  button.addEventListener("click", function () {
    if (speech.speaking) return stop();
    var chosen = voice();
    var blocks = document.querySelectorAll(read);
    var last;
    Array.prototype.forEach.call(blocks, function (el) {
      if (el.closest(".noprint") || el.querySelector("p, li")) return;
      var said = el.textContent.replace(/\s+/g, " ").trim();
      if (!said) return;
      last = new SpeechSynthesisUtterance(said);
      last.lang = lang;
      last.voice = chosen;
      speech.speak(last);
    });
    if (!last) return;
    last.onend = stop;
    button.textContent = button.getAttribute("data-stop");
  });
})();
