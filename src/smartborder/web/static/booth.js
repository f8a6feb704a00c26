// The booth: a keyboard-wedge reader types the document's lines as keystrokes, each
// ended by Enter. Once the zone is whole (two lines of 44 or 36 characters, or three of
// 30: ICAO 9303's TD3, TD2 and TD1), the form is sent, so that the reader's last Enter
// is the officer's one keystroke. Ctrl+Enter sends whatever was typed by hand.
(function () {
  "use strict";
  var area = document.getElementById("mrz");
  if (!area) { return; }
  var whole = { 2: [44, 36], 3: [30] };
  function complete(text) {
    var lines = text.split(/\r?\n/).map(function (l) { return l.trim(); })
      .filter(function (l) { return l.length > 0; });
    var lengths = whole[lines.length];
    if (!lengths) { return false; }
    return lines.every(function (l) { return l.length === lines[0].length; }) &&
      lengths.indexOf(lines[0].length) >= 0;
  }
  area.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    if (event.ctrlKey || complete(area.value)) {
      event.preventDefault();
      area.form.requestSubmit();
    }
  });
})();
