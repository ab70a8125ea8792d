// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";
  // After a refused form, take keyboard and screen-reader users to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();

// Shows upload progress while files are sent, then shows the server's answer page.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-progress-bar");
    var text = document.getElementById("upload-progress-text");
    var button = form.querySelector("button[type=submit]");
    box.hidden = false;
    button.disabled = true;
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        text.textContent = percent + "% of " + Math.max(1, Math.round(e.total / 1048576)) + " MB sent";
      }
    });
    request.upload.addEventListener("load", function () {
      text.textContent = "Sent. Checking the files...";
    });
    request.addEventListener("load", function () {
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      button.disabled = false;
      text.textContent = "The upload failed. Check your connection and try again.";
    });
    request.send(new FormData(form));
  });
})();
