// An occupation field lists the occupations that match what one types (words in English or Thai, or a code);
// choosing one puts "5120 Cooks" in the field, and the form keeps the code. Without this script the form
// still works: words that are not a code come back with the occupations they match.
(function () {
  "use strict";
  var fields = document.querySelectorAll("input[data-occupations-url]");
  Array.prototype.forEach.call(fields, function (input, index) {
    var list = document.createElement("datalist");
    list.id = "occupations-" + index;
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var words = input.value.trim();
      if (words.length < 2 || /^\d{4}\b/.test(words)) { return; }
      timer = window.setTimeout(function () {
        var url = input.getAttribute("data-occupations-url") + "?q=" + encodeURIComponent(words);
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { occupations: [] }; })
          .then(function (data) {
            while (list.firstChild) { list.removeChild(list.firstChild); }
            data.occupations.forEach(function (pair) {
              var option = document.createElement("option");
              option.value = pair[0] + " " + pair[1];
              list.appendChild(option);
            });
          })
          .catch(function () { /* the form still works: the server offers the matches */ });
      }, 250);
    });
  });
}());
