// The timeline page: vis-timeline (from /static/vendor) with eras as background bands,
// zoomable from decades to single years. Item text is put in with textContent, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("timeline");
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  if (typeof vis === "undefined" || !box) { if (box) box.style.display = "none"; return; }
  document.getElementById("timeline-table").classList.add("hidden-when-drawn");
  var items = [];
  data.eras.forEach(function (e, i) {
    if (!e.start) return;
    items.push({id: "era-" + i, start: e.start, end: e.end || new Date().toISOString().slice(0, 10),
                type: "background", className: "era-band era-" + (i % 4 + 1), text: e.name, entity: e.entity});
  });
  data.items.forEach(function (it) {
    var item = {id: it.id, start: it.start, text: it.label, entity: it.subject.id, group: it.type,
                className: "status-" + it.status + (it.conflict ? " conflict" : "")};
    if (it.end) { item.end = it.end; item.type = "range"; } else { item.type = "point"; }
    items.push(item);
  });
  var groups = data.types.map(function (t) { return {id: t, content: t}; });
  // Open on the whole span of the data, from a few years before the first item to after the last.
  var years = [];
  items.forEach(function (i) {
    if (i.type === "background") return;
    years.push(parseInt(String(i.start).slice(0, 4), 10));
    if (i.end) years.push(parseInt(String(i.end).slice(0, 4), 10));
  });
  years = years.filter(function (y) { return !isNaN(y); });
  var first = years.length ? Math.min.apply(null, years) : 1950;
  var last = years.length ? Math.max.apply(null, years) : new Date().getFullYear();
  var options = {
    stack: true, zoomMin: 1000 * 60 * 60 * 24 * 200, zoomMax: 1000 * 60 * 60 * 24 * 365 * 120,
    orientation: "top", margin: {item: 4}, height: "620px", verticalScroll: true,
    start: (first - 3) + "-01-01", end: (last + 3) + "-12-31",
    min: (first - 30) + "-01-01", max: (last + 30) + "-12-31",
    template: function (item) {
      var span = document.createElement("span");
      span.textContent = item.text || "";
      return span;
    },
    groupTemplate: function (group) {
      var span = document.createElement("span");
      span.textContent = group.id;
      return span;
    }
  };
  var timeline = new vis.Timeline(box, new vis.DataSet(items), new vis.DataSet(groups), options);
  timeline.on("select", function (props) {
    var id = props.items[0];
    if (!id) return;
    var found = items.filter(function (i) { return i.id === id; })[0];
    if (found && found.entity) window.location.href = "/entities/" + found.entity;
  });
  box.setAttribute("data-items", String(data.items.length));
  window.kronikaTimeline = timeline;
})();
